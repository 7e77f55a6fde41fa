"""Names: folding and transliteration, the fuzzy actor search, actor mentions, proper names, countries.

Every comparison of a written name with another goes through this package.
"""
