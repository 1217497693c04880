"""Orders and loaves

Revision ID: a1c4e7f20b19
Revises: 
Create Date: 2025-01-03 06:12:40.118203

"""
from pathlib import Path

from alembic import op

# revision identifiers, used by Alembic.
revision = "a1c4e7f20b19"
down_revision = None
branch_labels = None
depends_on = None

HERE = Path(__file__).parent
SQL_DIR = HERE / "sql"


def upgrade():
    for name in ["001_tables.sql", "002_indexes.sql"]:
        op.execute((SQL_DIR / name).read_text())


def downgrade():
    for f in ("drop_indexes.sql", "drop_tables.sql"):
        with open(HERE / "sql" / f) as fh:
            op.execute(fh.read())
