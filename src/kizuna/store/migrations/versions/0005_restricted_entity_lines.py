"""restricted-party lists: the line of each entry in its list file (issue 10)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 14:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('restricted_entities') as batch:
        batch.add_column(sa.Column('line', sa.Integer(), nullable=True,
                                   comment='line of the entry in the list file'))


def downgrade() -> None:
    with op.batch_alter_table('restricted_entities') as batch:
        batch.drop_column('line')
