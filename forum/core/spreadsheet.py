"""CSV that a spreadsheet opens as text, never as a formula: every CSV the app writes goes
through `rows`, so a comment beginning with = + - @ (or a tab or carriage return that some
spreadsheets skip before one) is shown as written instead of being evaluated."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(table):
    for row in table:
        yield [cell(v) for v in row]
