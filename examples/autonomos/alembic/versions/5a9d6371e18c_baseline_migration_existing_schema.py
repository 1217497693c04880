"""baseline migration: existing schema

Revision ID: 5a9d6371e18c
Revises:
Create Date: 2025-10-01 09:00:00.000000

"""
from typing import Sequence, Union

revision: str = "5a9d6371e18c"
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
