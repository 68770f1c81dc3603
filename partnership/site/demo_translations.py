"""
Translations of the demo content, applied by the demo loader (demo.py) and
marked complete.

TRANSLATIONS = {language: {(model label, key): {field: text}}}. The key is
the German slug of the object; a fixed page's key is its kind; a status
change's is (partnership slug, date), an agreement's and a project's
(partnership slug, German title).

Empty here until the demo texts are translated.
"""

TRANSLATIONS = {}
