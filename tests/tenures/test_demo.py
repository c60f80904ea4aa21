"""The demo tenures: varied enough to try every part of the tenure pages, and safe to load
twice."""

from sqlalchemy import func, select

from app.accounts.roles import Role
from app.extensions import db
from app.tenures.demo import load_demo_tenures
from app.tenures.models import Tenure
from app.tenures.record import in_arrears, is_active


def tenures() -> list[Tenure]:
    return list(db.session.scalars(select(Tenure).order_by(Tenure.id)))


def test_demo_tenures_load_once(make_user):
    owner = make_user(Role.DATA_PROVIDER)
    load_demo_tenures(owner)
    first = tenures()
    load_demo_tenures(owner)
    assert db.session.scalar(select(func.count()).select_from(Tenure)) == len(first) >= 4

    records = [tenure.data for tenure in first]
    assert {tenure.organisation_id for tenure in first} == {owner.organisation_id}
    assert len({record["tenureType"]["code"] for record in records}) >= 3
    assert any(in_arrears(record) for record in records)
    assert any(not is_active(record) and record["terminated"]["isTerminated"] for record in records)
    assert any(record.get("notices") for record in records)
    assert any(record.get("legacyReferences") for record in records)
    assert any(len(record["householdMembers"]) > 1 for record in records)


def test_demo_tenures_need_a_member_of_staff_of_an_organisation(make_user):
    load_demo_tenures(None)
    load_demo_tenures(make_user(Role.SUPPORT))
    assert tenures() == []
