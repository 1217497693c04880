from alembic import context

# SQLite cannot alter most columns in place: batch mode rebuilds the table instead.
context.configure(url=context.config.get_main_option("sqlalchemy.url"), render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
