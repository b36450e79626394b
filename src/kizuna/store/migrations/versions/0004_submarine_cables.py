"""submarine cables: data source, cables, landing points, landings and owners

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'cable_sources',
        sa.Column('id', sa.String(), nullable=False, comment='data set id, e.g. telegeography'),
        sa.Column('format', sa.String(), nullable=False, comment='csv or api_v2'),
        sa.Column('path', sa.String(), nullable=False, comment='folder it was loaded from'),
        sa.Column('sha256', sa.String(), nullable=False,
                  comment='content hash of the files read'),
        sa.Column('snapshot', sa.String(), nullable=True, comment='date of the data snapshot'),
        sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('cable_count', sa.Integer(), nullable=False),
        sa.Column('landing_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cable_sources')),
    )
    op.create_table(
        'cables',
        sa.Column('slug', sa.String(), nullable=False),
        sa.Column('cable_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('rfs', sa.String(), nullable=True, comment='ready-for-service as written'),
        sa.Column('rfs_year', sa.Integer(), nullable=True),
        sa.Column('length_km', sa.Float(), nullable=True),
        sa.Column('owners_raw', sa.Text(), nullable=True),
        sa.Column('url', sa.String(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('route', sa.JSON(), nullable=True,
                  comment='schematic route: lists of [lon, lat]'),
        sa.PrimaryKeyConstraint('slug', name=op.f('pk_cables')),
    )
    op.create_table(
        'cable_landing_points',
        sa.Column('slug', sa.String(), nullable=False),
        sa.Column('landing_point_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('country', sa.String(), nullable=False,
                  comment='country or split-out territory'),
        sa.Column('coded_country', sa.String(), nullable=False,
                  comment='country as the data codes it'),
        sa.Column('latitude', sa.Float(), nullable=False),
        sa.Column('longitude', sa.Float(), nullable=False),
        sa.Column('is_tbd', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('slug', name=op.f('pk_cable_landing_points')),
    )
    op.create_index('ix_cable_landing_points_country', 'cable_landing_points', ['country'])
    op.create_table(
        'cable_landings',
        sa.Column('cable_slug', sa.String(), nullable=False),
        sa.Column('landing_point_slug', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['cable_slug'], ['cables.slug'],
                                name=op.f('fk_cable_landings_cable_slug_cables'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(
            ['landing_point_slug'], ['cable_landing_points.slug'],
            name=op.f('fk_cable_landings_landing_point_slug_cable_landing_points'),
            ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('cable_slug', 'landing_point_slug',
                                name=op.f('pk_cable_landings')),
    )
    op.create_index('ix_cable_landings_landing_point', 'cable_landings', ['landing_point_slug'])
    op.create_table(
        'cable_owners',
        sa.Column('cable_slug', sa.String(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False,
                  comment='owner as written, split from the list'),
        sa.Column('canonical', sa.String(), nullable=False, comment='normalised owner name'),
        sa.Column('org_id', sa.String(), nullable=True,
                  comment='knowledge-base organization, if resolved'),
        sa.ForeignKeyConstraint(['cable_slug'], ['cables.slug'],
                                name=op.f('fk_cable_owners_cable_slug_cables'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('cable_slug', 'position', name=op.f('pk_cable_owners')),
    )
    op.create_index('ix_cable_owners_canonical', 'cable_owners', ['canonical'])


def downgrade() -> None:
    op.drop_index('ix_cable_owners_canonical', table_name='cable_owners')
    op.drop_table('cable_owners')
    op.drop_index('ix_cable_landings_landing_point', table_name='cable_landings')
    op.drop_table('cable_landings')
    op.drop_index('ix_cable_landing_points_country', table_name='cable_landing_points')
    op.drop_table('cable_landing_points')
    op.drop_table('cables')
    op.drop_table('cable_sources')
