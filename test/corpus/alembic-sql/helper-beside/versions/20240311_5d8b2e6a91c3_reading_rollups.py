"""Hourly rollups of sensor readings

Revision ID: 5d8b2e6a91c3
Revises: 3c1e9a7f0b42
Create Date: 2024-03-11 14:03:27.550917

"""
import os

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d8b2e6a91c3'
down_revision = '3c1e9a7f0b42'
branch_labels = None
depends_on = None


def sqlfile(name):
    with open(os.path.join(os.path.dirname(__file__), name + '.sql')) as fo:
        return sa.text(fo.read())


def upgrade():
    op.get_bind().execute(sqlfile('rollups'))


def downgrade():
    op.execute('DROP TABLE reading_rollups')
