"""Alembic environment: merges the metadata of both declarative bases into one history."""
from alembic import context

from aam_hybrid.shared.models import Base as AamBase
from app.models import Base as AppBase

target_metadata = [AppBase.metadata, AamBase.metadata]


def run_migrations_online() -> None:
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
