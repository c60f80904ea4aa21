"""Case logs belong to an organisation: its staff see them all; support staff see every log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from app.accounts.roles import Role
from app.formkit.models import FormRecord

STAFF = (Role.DATA_PROVIDER, Role.DATA_COORDINATOR, Role.SUPPORT)


def is_staff(user) -> bool:
    return user.is_authenticated and user.role_enum in STAFF


class OrganisationAccess:
    def may_start(self, user) -> bool:
        return is_staff(user)

    def new_record_owner(self, user) -> dict[str, Any]:
        # Support staff belong to no organisation, so their logs have none until assigned.
        return {"owner_id": user.id, "organisation_id": user.organisation_id}

    def visible(self, user) -> ColumnElement[bool]:
        if not is_staff(user):
            return false()
        if user.role_enum is Role.SUPPORT:
            return true()
        return FormRecord.organisation_id == user.organisation_id
