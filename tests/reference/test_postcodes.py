"""Postcodes: the canonical form, and the local authority from our table or a provider."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.config import Config
from app.extensions import db
from app.reference import load_sample_postcodes, postcodes
from app.reference.models import Postcode
from app.reference.postcodes import local_authority_for, normalise


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("se26rt", "SE2 6RT"),
        ("SE2 6RT", "SE2 6RT"),
        ("  se18   6hq ", "SE18 6HQ"),
        ("sw1a1aa", "SW1A 1AA"),
        ("W1A 1AA", "W1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B15 2TT", "B15 2TT"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_normalise_gives_the_canonical_form(given, expected):
    assert normalise(given) == expected


@pytest.mark.parametrize(
    "given",
    ["", "   ", "SE2", "6RT", "SE2 6R", "SE2 6RTX", "12345", "QE2 6RT", "SE2 6CI", "GIR 1AA",
     "SE2-6RT", "SE2 6RT" * 3, None, 123],
)  # fmt: skip
def test_normalise_refuses_what_is_not_a_postcode(given):
    assert normalise(given) is None


def test_local_authority_from_our_table(app):
    load_sample_postcodes()

    greenwich = local_authority_for("se26rt")
    assert (greenwich.name, greenwich.code) == ("Greenwich", "E09000011")
    assert local_authority_for("B1 1BB").name == "Birmingham"


def test_unknown_and_invalid_postcodes_have_no_local_authority_without_a_provider(app):
    assert app.config["POSTCODES_IO_URL"] == ""
    assert local_authority_for("SW1A 9ZZ") is None
    assert local_authority_for("not a postcode") is None


def test_a_postcode_not_held_is_asked_of_the_provider_and_kept(app, provider):
    provider.found("SE1 9SG", "E09000028")

    southwark = local_authority_for("se19sg")

    assert (southwark.name, southwark.code) == ("Southwark", "E09000028")
    assert provider.requests == ["/postcodes/SE1%209SG"]
    db.session.commit()
    assert db.session.get(Postcode, "SE1 9SG").local_authority_code == "E09000028"
    # Next time the table answers.
    assert local_authority_for("SE1 9SG").code == "E09000028"
    assert len(provider.requests) == 1


def test_the_table_answers_before_the_provider(app, provider):
    load_sample_postcodes()
    assert local_authority_for("SE2 6RT").name == "Greenwich"
    assert provider.requests == []


def test_a_postcode_the_provider_does_not_know(app, provider):
    assert local_authority_for("SW1A 9ZZ") is None
    assert provider.requests == ["/postcodes/SW1A%209ZZ"]


def test_a_postcode_outside_england_is_not_kept(app, provider):
    provider.found("EH1 1YZ", "S12000036")
    assert local_authority_for("EH1 1YZ") is None
    db.session.commit()
    assert db.session.scalars(select(Postcode)).all() == []


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, "<html>this is not json</html>"),
        (200, json.dumps({"status": 200, "result": None})),
        (200, json.dumps({"status": 200, "result": {"codes": {"admin_district": 42}}})),
        (200, json.dumps(["a", "list"])),
        (500, json.dumps({"status": 500, "error": "Internal server error"})),
        (503, "Service Unavailable"),
    ],
)
def test_a_failing_provider_gives_none_and_a_warning(app, provider, status, body, caplog):
    provider.answers["SE1 9SG"] = (status, body, 0)
    assert local_authority_for("SE1 9SG") is None
    assert "postcode provider" in caplog.text


def test_a_provider_that_times_out_gives_none(app, provider, monkeypatch, caplog):
    monkeypatch.setattr(postcodes, "PROVIDER_TIMEOUT_SECONDS", 0.2)
    provider.found("SE1 9SG", "E09000028")
    provider.answers["SE1 9SG"] = (*provider.answers["SE1 9SG"][:2], 2.0)

    assert local_authority_for("SE1 9SG") is None
    assert "postcode provider failed" in caplog.text


def test_a_provider_that_cannot_be_reached_gives_none(app, monkeypatch, caplog):
    # Port 9 (discard) on the loopback: nothing listens, so the connection is refused.
    monkeypatch.setitem(app.config, "POSTCODES_IO_URL", "http://127.0.0.1:9")
    assert local_authority_for("SE1 9SG") is None
    assert "postcode provider failed" in caplog.text


def test_a_provider_url_that_is_not_http_is_refused(app, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "POSTCODES_IO_URL", "file:///etc")
    assert local_authority_for("SE1 9SG") is None
    assert "must be an http or https URL" in caplog.text


def test_the_provider_is_configured_from_the_environment():
    config = Config.from_env({"SECRET_KEY": "x", "POSTCODES_IO_URL": "https://api.postcodes.io/"})
    assert config.flask_settings()["POSTCODES_IO_URL"] == "https://api.postcodes.io"
    assert Config.from_env({"SECRET_KEY": "x"}).flask_settings()["POSTCODES_IO_URL"] == ""
