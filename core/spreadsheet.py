"""CSV cells a spreadsheet opens as text, never as a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with "=", "+", "-" or "@"
(and, in some versions, a tab or carriage return before one) as a formula: a shop's
name or a resident's search such as `=HYPERLINK("http://…")` or `+cmd|' /C calc'!A0`
would otherwise run in the city's spreadsheet (OWASP "CSV injection"). A leading
apostrophe makes a spreadsheet show the rest as text; `text_cell` undoes it on import,
so an exported file imported again changes nothing.

A phone number is the one everyday value that starts with "+": `+32 81 00 00 00` stays
as it is, since a spreadsheet reads it as text (or a number), and prefixing it would
stop it being dialable from a phone's spreadsheet app.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# "+32 81 00 00 00", "+32 (0)81 00.00.00", "-" alone is not a phone number.
_PHONE_NUMBER = re.compile(r"^\+[0-9][0-9 ./()-]*$")


def safe_cell(value):
    """`value` as CSV text a spreadsheet shows as written: a leading apostrophe before
    what would start a formula, and before an apostrophe that `text_cell` would
    otherwise take for one of these (so that it gives back exactly what was there)."""
    text = "" if value is None else str(value)
    if text.startswith(ESCAPE) and text_cell(text) != text:
        return ESCAPE + text
    if text.startswith(FORMULA_STARTS) and not _PHONE_NUMBER.match(text):
        return ESCAPE + text
    return text


def text_cell(cell):
    """The value `safe_cell` wrote: the escaping apostrophe dropped. Only an apostrophe
    `safe_cell` would have added goes (one before a formula's start or before another
    apostrophe): a Flemish name such as "'t Winkeltje" keeps its own."""
    if cell.startswith(ESCAPE) and cell[1:].startswith((*FORMULA_STARTS, ESCAPE)):
        return cell[1:]
    return cell
