"""Reading files: CSV in UTF-8 (with or without a BOM) or Windows-1252, .xlsx with cached
values, the limits, and headers matched to the definition's fields."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from app.bulk_upload import reading
from app.bulk_upload.columns import answer_columns, cell_value, match_header, template_csv
from app.bulk_upload.reading import FileRefused, read_file
from tests.bulk_upload.conftest import csv_bytes


def refused(content: bytes) -> str:
    with pytest.raises(FileRefused) as caught:
        match_header(read_file(content).header)
    return caught.value.message


def test_the_template_is_the_definitions_fields_in_order():
    header = template_csv().strip().split(",")
    assert header == answer_columns()
    assert header[:3] == ["tenant_code", "person_1_age", "person_1_gender"]
    assert "total_charge" not in header  # worked out, never asked


def test_utf8_with_and_without_a_byte_order_mark():
    plain = csv_bytes([{"tenant_code": "Zoë"}], header=["tenant_code"])
    for content in (plain, b"\xef\xbb\xbf" + plain):
        sheet = read_file(content)
        assert sheet.header == ["tenant_code"]
        assert list(sheet.rows()) == [(2, ["Zoë"])]
        assert sheet.encoding == "utf-8"


def test_windows_1252_is_detected_and_read():
    content = csv_bytes([{"tenant_code": "Zoë £5 – ok"}], header=["tenant_code"], encoding="cp1252")
    sheet = read_file(content)
    assert sheet.encoding == "windows-1252"
    assert list(sheet.rows()) == [(2, ["Zoë £5 – ok"])]


def test_bytes_neither_utf8_nor_windows_1252_are_refused_with_what_to_do():
    assert "CSV UTF-8" in refused(b"tenant_code\n\x81\x8d\n")
    assert "CSV UTF-8" in refused("tenant_code\nA\n".encode("utf-16"))
    assert ".xlsx" in refused(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)


def test_cells_are_trimmed_and_blank_rows_skipped_keeping_row_numbers():
    content = b"tenant_code,person_1_age\n  A1 ,  30 \n,\n\nB2,40\n"
    sheet = read_file(content)
    assert list(sheet.rows()) == [(2, ["A1", "30"]), (5, ["B2", "40"])]


def test_an_empty_file_and_a_file_of_only_headers_are_refused():
    assert refused(b"") == reading.EMPTY
    assert refused(b"\n\n") == reading.EMPTY
    assert refused(template_csv().encode()) == reading.NO_ROWS


def test_unknown_headers_are_one_error_naming_them_all():
    content = csv_bytes([{"tenant_code": "A"}], header=["tenant_code", "Person_1_Agee", "colour"])
    message = refused(content)
    assert "‘Person_1_Agee’, ‘colour’" in message
    assert message.startswith("The file has columns we do not recognise")


def test_headers_match_in_any_case_and_order_and_missing_columns_are_allowed():
    sheet = read_file(b"PERSON_1_AGE, Tenant_Code \n30,A\n")
    assert match_header(sheet.header) == ["person_1_age", "tenant_code"]


def test_the_downloads_own_columns_are_ignored_and_repeats_refused():
    assert match_header(["id", "tenant_code", "status", "created_at", "updated_at"]) == [
        None,
        "tenant_code",
        None,
        None,
        None,
    ]
    assert "more than one column named tenant_code" in refused(b"tenant_code,TENANT_CODE\na,b\n")
    assert "Column B has no name" in refused(b"tenant_code,,person_1_age\na,b,3\n")


def test_limits_are_refused_at_once_with_the_limit_in_the_message(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    content = b"tenant_code\n" + b"a\n" * 4
    with pytest.raises(FileRefused, match="rows of logs or fewer"):
        read_file(content)
    assert read_file(b"tenant_code\n" + b"a\n" * 3).row_count == 3
    with pytest.raises(FileRefused, match="10 MB or smaller"):
        read_file(b"x" * (reading.MAX_FILE_BYTES + 1))
    assert reading.LIMITS == "at most 10 MB and 10,000 rows of logs"


def xlsx_bytes(rows: list[list], cached: dict[str, str] | None = None) -> bytes:
    """A workbook of these rows; `cached` gives formula cells (by reference) the value Excel
    would have stored when it last calculated them."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Second")["A1"] = "ignored"
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not cached:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for ref, value in cached.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                        rf"\1<v>{value}</v>",
                        text,
                    )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def test_xlsx_first_sheet_with_cached_values_never_formulas():
    from datetime import date, datetime

    content = xlsx_bytes(
        [
            ["tenant_code", "person_1_age", "tenancy_start_date", "property_void_date"],
            ["A1", "=20+5", date(2024, 3, 27), datetime(2024, 1, 2)],
            ['=HYPERLINK("http://evil","x")', 30.0, None, None],
        ],
        cached={"B2": "25"},
    )
    sheet = read_file(content)
    assert sheet.encoding == "xlsx"
    assert sheet.header == [
        "tenant_code",
        "person_1_age",
        "tenancy_start_date",
        "property_void_date",
    ]
    assert list(sheet.rows())[0] == (2, ["A1", "25", "2024-03-27", "2024-01-02"])
    # A formula with no cached value reads as blank: it is never run, nor taken as text.
    assert list(sheet.rows())[1] == (3, ["", "30", "", ""])


def test_a_broken_xlsx_is_refused():
    assert "cannot be opened" in refused(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/03/2024", "27/03/2024"),
        ("7/3/24", "07/03/2024"),
        ("2024-03-27", "2024-03-27"),
    ],
)
def test_dates_in_every_format(app, text, expected):
    from app.formkit.validation import apply_payload
    from app.journeys.lettings_log import LETTINGS_LOG

    value = cell_value("tenancy_start_date", text)
    assert value == expected
    outcome = apply_payload(LETTINGS_LOG, {"tenancy_start_date": value}, {})
    assert (
        outcome.answers["tenancy_start_date"]
        == {
            "27/03/2024": "2024-03-27",
            "07/03/2024": "2024-03-07",
            "2024-03-27": "2024-03-27",
        }[expected]
    )


def test_choices_take_values_or_labels_in_any_case():
    assert cell_value("person_1_gender", "female") == "Female"
    assert cell_value("person_1_gender", "FEMALE") == "Female"
    assert cell_value("person_1_gender", "Female") == "Female"
    assert cell_value("person_1_gender", "Woman") == "Woman"  # left for the engine to refuse
