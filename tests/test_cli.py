"""The scripted commands: users create, tokens create, demo load."""

from sqlalchemy import func, select

from app.accounts.models import ApiToken, Organisation, User
from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from app.listings.models import Listing
from app.reference.models import Postcode
from app.tenures.models import Tenure
from tests.helpers import PASSWORD


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_users_create_makes_the_organisation_when_new(app):
    result = _run(
        app, "users", "create", "Coord@Example.com", "--name", "Cora Coordinator",
        "--role", "data_coordinator", "--org", "New Council", "--password", PASSWORD,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "coord@example.com"))
    assert user.role == "data_coordinator"
    assert user.organisation.name == "New Council"
    assert user.organisation.provider_type == "local_authority"

    result = _run(
        app, "users", "create", "second@example.com", "--name", "Second",
        "--role", "data_provider", "--org", "new council", "--password", PASSWORD,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1


def test_users_create_with_a_private_registered_provider(app):
    result = _run(
        app, "users", "create", "p@example.com", "--name", "P", "--role", "data_provider",
        "--org", "A Housing Association", "--org-type", "private_registered_provider",
        "--password", PASSWORD,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    org = db.session.scalar(select(Organisation))
    assert org.provider_type == "private_registered_provider"


def test_staff_roles_need_an_organisation(app):
    result = _run(
        app, "users", "create", "x@example.com", "--name", "X", "--role", "data_provider",
        "--password", PASSWORD,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "must belong to an organisation" in result.output
    assert db.session.scalar(select(User)) is None


def test_users_create_rejects_bad_input(app):
    bad_role = _run(
        app, "users", "create", "x@example.com", "--name", "X", "--role", "admin",
        "--password", PASSWORD,
    )  # fmt: skip
    assert bad_role.exit_code == 2
    short_password = _run(
        app, "users", "create", "x@example.com", "--name", "X", "--role", "applicant",
        "--password", "short",
    )  # fmt: skip
    assert short_password.exit_code == 1
    assert "12 characters" in short_password.output


def test_tokens_create_prints_only_a_working_token(app, make_user):
    user = make_user()
    result = app.test_cli_runner().invoke(args=["tokens", "create", user.email])
    assert result.exit_code == 0
    value = result.stdout.strip()
    assert result.stdout == value + "\n"
    response = app.test_client().get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert response.json["email"] == user.email


def test_tokens_create_service_makes_a_token_that_may_check_others(app, make_user):
    user = make_user(Role.DATA_PROVIDER)
    personal = _run(app, "tokens", "create", user.email).stdout.strip()
    result = _run(app, "tokens", "create", user.email, "--service", "--name", "Partner")
    assert result.exit_code == 0, result.output
    service_token = result.stdout.strip()
    assert [t.is_service for t in db.session.scalars(select(ApiToken).order_by(ApiToken.id))] == [
        False,
        True,
    ]

    url = "/users/someone.else@example.com/access/X320741"
    client = app.test_client()
    for value, status in ((personal, 403), (service_token, 200)):
        response = client.get(url, headers={"Authorization": f"Bearer {value}"})
        assert response.status_code == status


def test_tokens_create_service_is_only_for_staff(app, make_user):
    user = make_user(Role.APPLICANT)
    result = _run(app, "tokens", "create", user.email, "--service")
    assert result.exit_code == 1
    assert "must belong to a member of housing staff" in result.output
    assert db.session.scalar(select(ApiToken)) is None


def test_tokens_create_for_unknown_user(app):
    result = _run(app, "tokens", "create", "nobody@example.com")
    assert result.exit_code == 1
    assert "No active user" in result.output


def _demo_counts() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Organisation, Listing, Postcode, Tenure)
    )


def test_demo_load_is_idempotent_and_covers_every_role(app):
    assert _run(app, "demo", "load").exit_code == 0
    counts = _demo_counts()
    # Open listings to apply for, postcodes to suggest local authorities from, and tenures.
    assert counts[2] >= 3 and counts[3] >= 20 and counts[4] >= 4
    result = _run(app, "demo", "load")
    assert result.exit_code == 0
    assert "demo-password-2026" in result.output
    assert counts == _demo_counts()
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {"applicant", "data_provider", "data_coordinator", "support"}
    kinds = set(db.session.scalars(select(Organisation.provider_type)))
    assert kinds == {"local_authority", "private_registered_provider"}
    logs = db.session.scalars(select(FormRecord).where(FormRecord.journey == "lettings_log"))
    logs = logs.all()
    assert len(logs) == 4  # and loading again added none
    # Logs of both shipped collection years' forms, each read with its own.
    assert {log.definition_version for log in logs} == {"2026/27", "2027/28"}
