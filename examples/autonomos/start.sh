#!/bin/sh
# Runs migrations unless DISABLE_AUTO_MIGRATIONS is set, then the server.
if [ "${DISABLE_AUTO_MIGRATIONS:-}" != "true" ]; then
  alembic upgrade head || echo "Database migrations failed - continuing anyway"
fi
exec uvicorn app.main:app --host 0.0.0.0 --port "${PORT:-8000}"
