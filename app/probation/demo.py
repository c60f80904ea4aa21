"""Demo probation cases, from a file in the import format: one excludes the demo council's
coordinator, and one is restricted to support staff and the housing association's coordinator.
Safe to load again: the import replaces each case by its CRN."""

from pathlib import Path

from app.probation.importer import ImportResult, import_cases_file

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_cases.json"


def load_demo_cases() -> ImportResult:
    return import_cases_file(DEMO_FILE)
