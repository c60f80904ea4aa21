"""If-Match as every API reads it, under its own name or the tenure seed's, `ifMatch`."""

import pytest

from app.api.conditional import if_match_given, matched_version


@pytest.mark.parametrize("name", ["If-Match", "ifMatch", "IFMATCH"])
def test_if_match_is_read_under_either_name(app, name):
    with app.test_request_context(headers={name: '"3"'}):
        assert if_match_given()
        assert matched_version(3) == 3
        assert matched_version(4) is None


def test_if_match_wins_over_ifmatch(app):
    with app.test_request_context(headers={"If-Match": '"3"', "ifMatch": '"4"'}):
        assert matched_version(3) == 3


def test_no_header_is_no_version(app):
    with app.test_request_context():
        assert not if_match_given()
