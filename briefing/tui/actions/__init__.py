"""The reader app's commands, grouped by concern into mixins :class:`BriefingApp` is made of.

The app keeps the footer and the one ``check_action``; opening the pack
(``opening``), the views it opens and the curation edits live here so that each
concern reads in one place.
"""
