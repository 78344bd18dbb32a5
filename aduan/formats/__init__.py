"""Date and time formats per language (FORMAT_MODULE_PATH), over Django's own.

Indonesian writes the time with a dot (PUEBI: 08.50), English with a colon (08:50); the
24-hour clock in both, as the offices work by it.
"""
