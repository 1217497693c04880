"""Index readings by sensor and time

Revision ID: 7a04f6c2d5e8
Revises: 5d8b2e6a91c3
Create Date: 2024-04-02 08:47:55.003361

"""
import os

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a04f6c2d5e8'
down_revision = '5d8b2e6a91c3'
branch_labels = None
depends_on = None


def sqlfile(name):
    with open(os.path.join(os.path.dirname(__file__), name + '.sql')) as fo:
        return sa.text(fo.read())


def upgrade():
    conn = op.get_bind()
    conn.execute(sqlfile('sensor_lookup'))


def downgrade():
    op.execute('DROP INDEX readings_taken_idx')
