import { describe, expect, it } from 'vitest';
import { detectIn } from './init-harness.js';

/**
 * alembic.ini as real projects write it: several named sections (`alembic -n <name>`, each its own
 * tree), `package:path` locations, and a location relative to the folder alembic is run from.
 * Each tree is found once, where it is, and no line says a tree is missing when it is not.
 */
const rev = (id: string) => `revision = "${id}"\ndown_revision = None\n`;
const noFalseLine = (decisions: string[]) =>
  expect(decisions.filter((d) => /no Alembic tree|not followed/.test(d))).toEqual([]);

describe('alembic.ini with named sections and package locations', () => {
  it("Alembic's documented multi-environment ini: [DEFAULT] url, one tree per named section", () => {
    const found = detectIn({
      'alembic.ini':
        '[DEFAULT]\nsqlalchemy.url = postgresql://scott@h/db\n\n[schema1]\nscript_location = myproject/revisions/schema1\n\n[schema2]\nscript_location = myproject/revisions/schema2\n\n[loggers]\nkeys = root\n',
      'myproject/revisions/schema1/versions/a1.py': rev('a1'),
      'myproject/revisions/schema2/versions/b1.py': rev('b1'),
    });
    expect(found.alembic).toEqual([
      'myproject/revisions/schema1/versions',
      'myproject/revisions/schema2/versions',
    ]);
    expect(found.decisions).toContain(
      'alembic.ini [schema2] → myproject/revisions/schema2/versions: Alembic tree (script_location myproject/revisions/schema2, run as alembic -n schema2)',
    );
    noFalseLine(found.decisions);
  });

  it('a package resource (bodhi:server/migrations) is the folder inside the package, wherever it sits', () => {
    const found = detectIn({
      'alembic.ini': '[alembic]\nscript_location = bodhi.server:migrations\n',
      'src/bodhi/server/migrations/versions/a1.py': rev('a1'),
      'src/bodhi/server/migrations/env.py': '',
    });
    expect(found.alembic).toEqual(['src/bodhi/server/migrations/versions']);
    expect(found.decisions).toContain(
      'alembic.ini → src/bodhi/server/migrations/versions: Alembic tree (script_location bodhi.server:migrations)',
    );
    noFalseLine(found.decisions);
  });

  it('a location relative to the root, in an ini inside the package, is resolved once (not backend/backend/)', () => {
    const found = detectIn({
      'backend/alembic.ini': '[alembic]\nscript_location = backend/migrations\n',
      'backend/migrations/versions/a1.py': rev('a1'),
    });
    expect(found.alembic).toEqual(['backend/migrations/versions']);
    expect(found.protectedPaths).toContain('backend/migrations/');
    expect(found.protectedPaths.some((p) => p.includes('backend/backend'))).toBe(false);
    noFalseLine(found.decisions);
  });

  it("near miss: a location relative to the ini's folder is read from there first", () => {
    const found = detectIn({
      'backend/alembic.ini': '[alembic]\nscript_location = migrations\n',
      'backend/migrations/versions/a1.py': rev('a1'),
      'migrations/versions/other.py': rev('o1'),
    });
    expect(found.alembic).toContain('backend/migrations/versions');
    expect(found.decisions).toContain(
      'backend/alembic.ini → backend/migrations/versions: Alembic tree (script_location migrations)',
    );
  });

  it('near miss: sections that only hold a URL (-x db=…) make no tree; [alembic] is the one', () => {
    const found = detectIn({
      'alembic.ini':
        '[alembic]\nscript_location = alembic\n[development]\nsqlalchemy.url = postgresql://localhost/dev\n[production]\nsqlalchemy.url = postgresql://prod/prod\n',
      'alembic/versions/a1.py': rev('a1'),
    });
    expect(found.alembic).toEqual(['alembic/versions']);
    expect(found.decisions.filter((d) => d.startsWith('alembic.ini'))).toEqual([
      'alembic.ini → alembic/versions: Alembic tree (script_location alembic)',
    ]);
  });

  it('a package location that climbs out, or matches two folders, is not guessed, and said', () => {
    const found = detectIn({
      'alembic.ini':
        '[alembic]\nscript_location = app:../../etc\n[two]\nscript_location = myapp:migrations\n',
      'a/myapp/migrations/versions/a1.py': rev('a1'),
      'b/myapp/migrations/versions/b1.py': rev('b1'),
    });
    expect(found.alembic).toEqual([]);
    expect(found.decisions).toContain(
      'alembic.ini: script_location app:../../etc, names no folder inside its package',
    );
    expect(found.decisions).toContain(
      'alembic.ini [two]: script_location myapp:migrations, which matches 2 folders (a/myapp/migrations/versions, b/myapp/migrations/versions); not guessed, add its versions folder by hand',
    );
  });

  it('the multi-database layout: one script directory in [DEFAULT], each database its version_locations', () => {
    const found = detectIn({
      'alembic.ini':
        '[alembic]\ndatabases = orders, billing\n\n[orders]\nsqlalchemy.url = postgresql://h/orders\nversion_locations = ./multidb/orders/versions\n\n[billing]\nsqlalchemy.url = postgresql://h/billing\nversion_locations = %(here)s/multidb/billing/versions\n\n[DEFAULT]\nscript_location = multidb\n',
      'multidb/env.py': 'from alembic import context\n',
      'multidb/orders/versions/a1.py': rev('a1'),
      'multidb/billing/versions/b1.py': rev('b1'),
    });
    expect(found.alembic).toEqual(['multidb/orders/versions', 'multidb/billing/versions']);
    // [alembic] inherits [DEFAULT]'s directory without a versions/ of its own: no false "no tree" line.
    expect(found.decisions.filter((d) => d.startsWith('alembic.ini'))).toEqual([
      'alembic.ini [orders] → multidb/orders/versions: Alembic tree (version_locations ./multidb/orders/versions, run as alembic -n orders)',
      'alembic.ini [billing] → multidb/billing/versions: Alembic tree (version_locations %(here)s/multidb/billing/versions, run as alembic -n billing)',
    ]);
  });

  it('version_locations lists several folders: split on path_separator, or on spaces and commas without one', () => {
    const legacy = detectIn({
      'alembic.ini': '[alembic]\nscript_location = db\nversion_locations = db/core db/plugins,db/extra\n',
      'db/core/a1.py': rev('a1'),
      'db/plugins/p1.py': rev('p1'),
      'db/extra/e1.py': rev('e1'),
    });
    expect(legacy.alembic).toEqual(['db/core', 'db/plugins', 'db/extra']);
    const os = detectIn({
      'alembic.ini':
        '[alembic]\nscript_location = db\npath_separator = os\nversion_locations = %(here)s/db/core:%(here)s/db/plugins\n',
      'db/core/a1.py': rev('a1'),
      'db/plugins/p1.py': rev('p1'),
    });
    expect(os.alembic).toEqual(['db/core', 'db/plugins']);
  });

  it('near miss: a version_locations folder that does not exist is said; [alembic] with its own location is still judged', () => {
    const found = detectIn({
      'alembic.ini':
        '[alembic]\nscript_location = main\n[reports]\nscript_location = reports\nversion_locations = reports/gone\n',
      'main/versions/a1.py': rev('a1'),
    });
    expect(found.alembic).toEqual(['main/versions']);
    expect(found.decisions).toContain(
      'alembic.ini [reports]: version_locations reports/gone, but reports/gone/ does not exist; no Alembic tree',
    );
  });
});
