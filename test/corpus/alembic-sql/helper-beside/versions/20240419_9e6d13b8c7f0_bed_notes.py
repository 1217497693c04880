"""Free-text notes and a watering schedule on beds

Revision ID: 9e6d13b8c7f0
Revises: 7a04f6c2d5e8
Create Date: 2024-04-19 16:30:02.774410

"""
import os

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9e6d13b8c7f0'
down_revision = '7a04f6c2d5e8'
branch_labels = None
depends_on = None


def sqlfile(name):
    with open(os.path.join(os.path.dirname(__file__), name + '.sql')) as fo:
        return sa.text(fo.read())


def upgrade():
    op.get_bind().execute(sqlfile('bed_notes'))


def downgrade():
    op.execute('ALTER TABLE beds DROP COLUMN watering_interval')
    op.execute('ALTER TABLE beds DROP COLUMN notes')
