"""The CSV writer every export uses neutralises cells a spreadsheet would read as a formula,
and keeps numbers as numbers. (Each export is tested through its download link: the logs in
tests/case_logs/test_web.py, the applications in tests/applications/test_review.py.)"""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.csv_export import safe_cell

EVIL = '=HYPERLINK("http://evil","x")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL, "'" + EVIL),
        ("=1+1", "'=1+1"),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-", "'-"),
        ("-5", "-5"),
        ("-5.50", "-5.50"),
        (-5, -5),
        (-5.5, -5.5),
        (Decimal("-5.50"), Decimal("-5.50")),
        ("Ada = Lovelace", "Ada = Lovelace"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_text_and_a_number_stays_a_number(value, written):
    assert safe_cell(value) == written
