"""backfill state names from the state type

Revision ID: 3c4d5e6f7081
Revises: 2b3c4d5e6f70
Create Date: 2024-03-05 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "3c4d5e6f7081"
down_revision = "2b3c4d5e6f70"
branch_labels = None
depends_on = None


def upgrade():
    # Batches of rows, so that the write lock SQLite takes is short.
    connection = op.get_bind()
    while True:
        result = connection.execute(
            sa.text(
                "UPDATE flow_run_state SET name = upper(substr(type, 1, 1)) || lower(substr(type, 2)) "
                "WHERE id IN (SELECT id FROM flow_run_state WHERE name IS NULL LIMIT 500)"
            )
        )
        if result.rowcount == 0:
            break
    op.execute(
        "UPDATE task_run SET state_name = "
        "(SELECT name FROM flow_run_state WHERE flow_run_state.id = task_run.flow_run_state_id) "
        "WHERE state_name IS NULL"
    )


def downgrade():
    # The names were derived from data that is still there: nothing to undo.
    pass
