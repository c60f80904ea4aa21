"""Tenures make real events to check against the document."""

from tests.tenures.conftest import make_tenure, seed_tenure, staff  # noqa: F401 (fixtures)
