"""A tenure whose asset has no postcode field is searched by the postcode in its fullAddress:
fill the postcode columns of the tenures already stored that way

Revision ID: 0014_tenure_address_postcode
Revises: 0013_emails
Create Date: 2026-12-05 13:00:00.000000

"""

import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0014_tenure_address_postcode"
down_revision = "0013_emails"
branch_labels = None
depends_on = None

# As app.formkit.questions.text.postcode_in at this revision (migrations never import
# application code, so that they run the same however the application changes later).
_POSTCODE_IN_TEXT = re.compile(
    r"(?<![A-Z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})(?![A-Z0-9])", re.IGNORECASE
)
BATCH = 1000

tenures = sa.table(
    "tenures",
    sa.column("id", sa.String),
    sa.column("postcode", sa.String),
    sa.column("outward_code", sa.String),
    sa.column("data", sa.JSON),
)


def _postcode_in(text):
    matches = _POSTCODE_IN_TEXT.findall(text or "")
    if not matches:
        return None
    outward, inward = matches[-1]
    return f"{outward.upper()} {inward.upper()}"


def upgrade():
    connection = op.get_bind()
    after = ""
    while True:
        rows = connection.execute(
            sa.select(tenures.c.id, tenures.c.data)
            .where(tenures.c.postcode.is_(None), tenures.c.id > after)
            .order_by(tenures.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for tenure_id, data in rows:
            asset = (data or {}).get("tenuredAsset") or {}
            postcode = _postcode_in(asset.get("fullAddress"))
            if postcode:
                connection.execute(
                    tenures.update()
                    .where(tenures.c.id == tenure_id)
                    .values(postcode=postcode, outward_code=postcode.split(" ")[0])
                )
        after = rows[-1][0]


def downgrade():
    # The columns stay: a postcode taken from the address is as true as one given.
    pass
