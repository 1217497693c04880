"""Greenhouse beds, sensors and readings

Revision ID: 3c1e9a7f0b42
Revises: 
Create Date: 2024-03-04 09:12:40.118204

"""
import os

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c1e9a7f0b42'
down_revision = None
branch_labels = None
depends_on = None


def sqlfile(name):
    with open(os.path.join(os.path.dirname(__file__), name + '.sql')) as fo:
        return sa.text(fo.read())


def upgrade():
    op.get_bind().execute(sqlfile('greenhouse'))


def downgrade():
    op.execute('DROP TABLE readings')
    op.execute('DROP TABLE sensors')
    op.execute('DROP TABLE beds')
