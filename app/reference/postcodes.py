"""Postcodes: their canonical form, and the local authority each one is in.

The `postcodes` table, loaded from the ONS Postcode Directory (see `importer.py`), answers
first. A postcode it does not hold goes to a postcodes.io-compatible service if one is
configured (POSTCODES_IO_URL); what that service says is kept in the table for next time.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request

from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.reference.lists import ReferenceItem, local_authority_by_code
from app.reference.models import Postcode

log = logging.getLogger(__name__)

# The outward code (area, district and an optional sub-district letter), then the inward code
# (sector digit and two unit letters, never C, I, K, M, O or V), as in the PAF rules.
_POSTCODE = re.compile(
    r"^(?P<outward>GIR|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?))"
    r"(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})$"
)
ENGLISH_LOCAL_AUTHORITY_CODE = re.compile(r"^E0[6789][0-9]{6}$")

PROVIDER_TIMEOUT_SECONDS = 3.0
_PROVIDER_MAX_BYTES = 64 * 1024


def normalise(postcode: str | None) -> str | None:
    """ "se26rt" → "SE2 6RT": upper case, one space before the inward code; None if the text is
    not in the format of a UK postcode."""
    if not isinstance(postcode, str) or len(postcode) > 16:
        return None
    compact = "".join(postcode.split()).upper()
    match = _POSTCODE.match(compact)
    if match is None or (match["outward"] == "GIR" and match["inward"] != "0AA"):
        return None
    return f"{match['outward']} {match['inward']}"


def local_authority_for(postcode: str | None) -> ReferenceItem | None:
    """The English local authority that the postcode is in, or None if it is not a postcode,
    is not known, or is not in England."""
    canonical = normalise(postcode)
    if canonical is None:
        return None
    code = db.session.scalar(
        db.select(Postcode.local_authority_code).where(Postcode.postcode == canonical)
    )
    if code is None:
        code = _ask_provider(canonical)
        if code is None or local_authority_by_code(code) is None:
            return None
        # Kept in the caller's transaction: it is stored when the caller commits.
        row = {"postcode": canonical, "local_authority_code": code}
        db.session.execute(upsert_statement([row]))
    return local_authority_by_code(code)


def upsert_statement(rows: list[dict[str, str]]):
    """An INSERT of postcode rows that updates the local authority of a postcode already there,
    in the dialect of the session's database (PostgreSQL or SQLite)."""
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:
        raise RuntimeError(f"Postcode upserts support PostgreSQL and SQLite, not {dialect}")
    statement = insert(Postcode).values(rows)
    return statement.on_conflict_do_update(
        index_elements=[Postcode.postcode],
        set_={"local_authority_code": statement.excluded.local_authority_code},
    )


def _ask_provider(postcode: str) -> str | None:
    """The ONS local authority code that the configured provider gives, or None. A failing
    provider is logged, never raised: the user can still choose their local authority."""
    base = current_app.config.get("POSTCODES_IO_URL", "")
    if not base:
        return None
    if not base.startswith(("http://", "https://")):
        log.warning("POSTCODES_IO_URL must be an http or https URL, not %r", base)
        return None
    url = f"{base.rstrip('/')}/postcodes/{urllib.parse.quote(postcode)}"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=PROVIDER_TIMEOUT_SECONDS) as response:  # noqa: S310
            body = json.loads(response.read(_PROVIDER_MAX_BYTES))
    except urllib.error.HTTPError as error:
        if error.code != 404:
            log.warning("The postcode provider answered %s for %s", error.code, postcode)
        return None
    except (OSError, ValueError, RecursionError) as error:  # unreachable, timed out, not JSON
        log.warning("The postcode provider failed for %s: %s", postcode, error)
        return None
    try:
        code = body["result"]["codes"]["admin_district"]
    except (KeyError, TypeError):
        log.warning("The postcode provider's answer for %s has no admin_district", postcode)
        return None
    if not isinstance(code, str):
        log.warning("The postcode provider's admin_district for %s is not a code", postcode)
        return None
    return code if ENGLISH_LOCAL_AUTHORITY_CODE.match(code) else None
