#!/usr/bin/env python3
"""Oracle for the default Django gives a field it adds, on Django's own code (a real Django on
PYTHONPATH: scripts/fetch-django-runtime.sh).

Usage: django-effective-default-oracle.py <field expression>...

Each argument is a field as a migration writes it (`models.CharField(blank=True, max_length=9)`),
evaluated with `models` and contrib.postgres's fields in scope (a relation's target string stands
for a model of contenttypes: the answer does not depend on it). Prints JSON: {"version": Django's,
"postgresql_skips_defaults": whether PostgreSQL's schema editor overrides `skip_default` or
`skip_default_on_alter` (if not, `add_field` adds the column with the effective default and then
drops it), "fields": {expression: {"null": field.null, "default": the type name of
BaseDatabaseSchemaEditor._effective_default(field), or None when it gives none}}}.
`_effective_default` is a static method meant to be tested "without a connection"
(django/db/backends/base/schema.py), so no database is needed.
"""
import json
import sys

import django
from django.conf import settings

settings.configure(USE_TZ=True, INSTALLED_APPS=["django.contrib.contenttypes"])
django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.postgres import fields as pg  # noqa: E402
from django.db import models  # noqa: E402
from django.db.backends.base.schema import BaseDatabaseSchemaEditor  # noqa: E402
from django.db.backends.postgresql.schema import DatabaseSchemaEditor  # noqa: E402

SCOPE = {"models": models, **{name: getattr(pg, name) for name in dir(pg) if name.endswith("Field")}}


def main():
    fields = {}
    for expr in sys.argv[1:]:
        field = eval(expr, dict(SCOPE))  # noqa: S307 - the test's own expressions
        # A relation's target ("shop.Book") is resolved when its model is built; outside one, a
        # `default=` of a ForeignKey is checked against it (related.py `get_default`): any model does.
        if field.remote_field is not None and isinstance(field.remote_field.model, str):
            field.remote_field.model = ContentType
        default = BaseDatabaseSchemaEditor._effective_default(field)
        fields[expr] = {"null": field.null, "default": None if default is None else type(default).__name__}
    json.dump(
        {
            "version": django.get_version(),
            "postgresql_skips_defaults": any(
                name in DatabaseSchemaEditor.__dict__ for name in ("skip_default", "skip_default_on_alter")
            ),
            "fields": fields,
        },
        sys.stdout,
        indent=1,
        sort_keys=True,
    )


main()
