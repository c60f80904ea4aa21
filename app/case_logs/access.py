"""Case logs belong to an organisation: its staff see them all; support staff see every log.

Deleting is narrower, as in CORE: a data provider may delete only the logs they created; a data
coordinator any log of their organisation; support staff any log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from app.accounts.roles import Role
from app.formkit.models import FormRecord

STAFF = (Role.DATA_PROVIDER, Role.DATA_COORDINATOR, Role.SUPPORT)
DELETE_ANY_VISIBLE = (Role.DATA_COORDINATOR, Role.SUPPORT)
DELETE_REFUSED = "You can only delete logs you created. Ask a data coordinator to delete this log"


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

    def may_delete(self, user, record: FormRecord) -> bool:
        """For a log this user can see (`visible`): whether they may delete it."""
        if user.role_enum in DELETE_ANY_VISIBLE:
            return True
        return user.role_enum is Role.DATA_PROVIDER and record.owner_id == user.id
