"""Cells and files that staff open in a spreadsheet."""

import csv
import io

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def excel_csv(rows):
    """
    ``rows`` as semicolon-separated UTF-8 with a byte order mark, which
    German Excel opens with umlauts and columns intact by a double click and
    LibreOffice reads as well; every cell neutralised.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([neutralised(cell) for cell in row] for row in rows)
    return buffer.getvalue()
