"""A pack's YAML as text: read into a tree of positioned strings, and edited minimally.

``read`` is the one gate every pack YAML file passes (size, UTF-8, tabs, control
characters, then the parser's events); ``tree`` builds the tree from the events;
``nodes`` holds the tree's types and positions; ``pure`` is the pure-Python event
parser the tests hold libyaml to; ``write`` renders the scalars an edit inserts.
Callers outside the model import from :mod:`briefing.model.io`.
"""
