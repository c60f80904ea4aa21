"""Probation cases, for filling in a log from one."""

from tests.probation.conftest import full_case, make_case  # noqa: F401 (fixtures)
