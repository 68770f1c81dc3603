"""
Date and number formats where Django's own do not suit the site
(FORMAT_MODULE_PATH). Django's "en" formats are American; the site writes
British English: "3 December 2019", 24-hour time.
"""
