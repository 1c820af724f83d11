"""Phone numbers as written by people, in the international form machines read.

Belgian numbers are written "071 12 34 56", "0471/12.34.56", "+32 (0)71 12 34 56" or
"0032 71 12 34 56"; schema.org's `telephone` and Google want "+3271123456" (E.164).
"""

import re

BELGIUM = "32"
# Belgium's numbers have 8 digits after the country code (fixed lines: "71 12 34 56")
# or 9 (mobiles: "471 12 34 56"); E.164 allows 15 digits in all.
_BELGIAN_LENGTHS = (8, 9)
_MAX_DIGITS = 15
# What people put between the digits: spaces, dots, slashes, dashes, brackets.
_SEPARATORS = re.compile(r"[\s./\-()]")


def e164(number, country=BELGIUM):
    """`number` in E.164 ("+3271123456"), read as a Belgian number unless it starts with
    an international prefix ("+" or "00"); "" when it cannot be one (letters, too few or
    too many digits), so that a caller leaves it out rather than publish it wrong."""
    text = str(number or "").strip()
    # "+32 (0)71…": the trunk 0 written in brackets after the country code is not dialled.
    text = text.replace("(0)", "")
    compact = _SEPARATORS.sub("", text)
    if compact.startswith("+"):
        digits = compact[1:]
    elif compact.startswith("00"):
        digits = compact[2:]
    elif compact.startswith("0"):
        digits = country + compact[1:]
    else:
        return ""
    if not digits.isdigit() or not digits.isascii() or len(digits) > _MAX_DIGITS:
        return ""
    if digits.startswith(BELGIUM):
        national = digits[len(BELGIUM) :]
        if national.startswith("0") or len(national) not in _BELGIAN_LENGTHS:
            return ""
    elif len(digits) < 8:
        return ""
    return f"+{digits}"
