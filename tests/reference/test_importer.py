"""Loading an ONS Postcode Directory file: streamed in batches, and safe to run again."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.reference import load_sample_postcodes
from app.reference.importer import ImportResult, import_lines, import_postcodes
from app.reference.models import Postcode

HEADER = "pcd,pcds,dointr,doterm,oslaua,ctry\n"


def _csv(tmp_path, text: str, name: str = "onspd.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _held() -> dict[str, str]:
    return dict(db.session.execute(select(Postcode.postcode, Postcode.local_authority_code)).all())


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["postcodes", *args])


def test_the_sample_loads_english_live_postcodes_and_skips_the_rest(app):
    result = load_sample_postcodes()

    assert result == ImportResult(imported=30, updated=0, unchanged=0, skipped=5)
    held = _held()
    assert held["SE2 6RT"] == "E09000011"
    assert held["SW1A 1AA"] == "E09000033"
    assert {"SE2 0ZZ", "EH1 1YZ", "CF10 1EP", "GY1 1AA"}.isdisjoint(held)  # ended, not England
    assert {"E09000033", "E08000025", "E08000035", "E08000003", "E06000023", "E09000011",
            "E06000052"} <= set(held.values())  # fmt: skip


def test_importing_again_updates_and_never_duplicates(app, tmp_path):
    first = _csv(tmp_path, HEADER + "SE26RT,SE2 6RT,198001,,E09000011,E92000001\n"
                 "M1  1AE,M1 1AE,198001,,E08000003,E92000001\n"
                 "LS1 1UR,LS1 1UR,198001,,E08000035,E92000001\n")  # fmt: skip
    assert import_postcodes(first) == ImportResult(imported=3)

    # A newer edition: one postcode moves to another authority and one is new.
    second = _csv(tmp_path, HEADER + "SE26RT,SE2 6RT,198001,,E09000004,E92000001\n"
                  "M1  1AE,M1 1AE,198001,,E08000003,E92000001\n"
                  "LS1 1UR,LS1 1UR,198001,,E08000035,E92000001\n"
                  "B1  1BB,B1 1BB,198001,,E08000025,E92000001\n", "newer.csv")  # fmt: skip
    assert import_postcodes(second) == ImportResult(imported=1, updated=1, unchanged=2)
    assert import_postcodes(second) == ImportResult(unchanged=4)

    assert db.session.scalar(select(func.count()).select_from(Postcode)) == 4
    assert _held()["SE2 6RT"] == "E09000004"


def test_rows_that_are_ended_not_english_or_not_postcodes_are_skipped(app, tmp_path):
    path = _csv(tmp_path, HEADER + "SE26RT,SE2 6RT,198001,200506,E09000011,E92000001\n"
                "EH1 1YZ,EH1 1YZ,198001,,S12000036,S92000003\n"
                "CF101EP,CF10 1EP,198001,,W06000015,W92000004\n"
                "ZZ991ZZ,ZZ99 1ZZ,198001,,,\n"
                "NOTAPC,NOT A POSTCODE,198001,,E09000033,E92000001\n"
                "short,row\n"
                "\n"
                "W1A 1AA,w1a1aa,198001,,e09000033,E92000001\n")  # fmt: skip
    assert import_postcodes(path) == ImportResult(imported=1, skipped=6)
    assert _held() == {"W1A 1AA": "E09000033"}


def test_each_batch_is_committed_before_the_next_rows_are_read(app):
    seen_by_others = []

    def lines():
        yield HEADER
        for number, postcode in enumerate(["M1 1AE", "M2 5DB", "M13 9PL", "M60 2LA", "B1 1BB"]):
            if number == 2:  # the first batch of two is written: another connection sees it
                with db.engine.connect() as other:
                    count = select(func.count()).select_from(Postcode)
                    seen_by_others.append(other.scalar(count))
            yield f"x,{postcode},198001,,E08000003,E92000001\n"

    assert import_lines(lines(), batch_size=2) == ImportResult(imported=5)
    assert seen_by_others == [2]


def test_a_postcode_twice_in_one_batch_keeps_the_later_row(app):
    lines = [HEADER, "x,SE2 6RT,1,,E09000011,E\n", "x,se2 6rt,1,,E09000004,E\n"]
    assert import_lines(lines, batch_size=10) == ImportResult(imported=1, skipped=1)
    assert _held() == {"SE2 6RT": "E09000004"}


def test_the_local_authority_column_can_be_named_for_its_year(app, tmp_path):
    path = tmp_path / "lookup.csv"
    # A byte order mark and upper-case names, as spreadsheet tools write them.
    path.write_text("PCDS,LAD24CD\nSE2 6RT,E09000011\n", encoding="utf-8-sig")
    assert import_postcodes(path) == ImportResult(imported=1)


def test_the_command_prints_the_counts(app):
    result = _run(app, "import", "app/reference/data/onspd_sample.csv")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Imported 30, updated 0, unchanged 0, skipped 5."

    again = _run(app, "import", "app/reference/data/onspd_sample.csv", "--batch-size", "7")
    assert again.output.strip() == "Imported 0, updated 0, unchanged 30, skipped 5."


def test_the_command_explains_a_missing_file(app, tmp_path):
    result = _run(app, "import", str(tmp_path / "missing.csv"))
    assert result.exit_code == 1
    assert "Error: There is no file at" in result.output
    assert "Traceback" not in result.output


def test_the_command_explains_a_file_without_the_columns(app, tmp_path):
    result = _run(app, "import", str(_csv(tmp_path, "postcode,council\nSE2 6RT,Greenwich\n")))
    assert result.exit_code == 1
    assert "not in the ONS Postcode Directory format" in result.output
    assert "pcds" in result.output and "oslaua" in result.output


def test_the_command_explains_an_empty_or_unreadable_file(app, tmp_path):
    empty = _run(app, "import", str(_csv(tmp_path, "")))
    assert empty.exit_code == 1
    assert "The file is empty" in empty.output

    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"pcds,oslaua\n\xff\xfe\x00junk\n")
    unreadable = _run(app, "import", str(binary))
    assert unreadable.exit_code == 1
    assert "is not a UTF-8 CSV file" in unreadable.output
