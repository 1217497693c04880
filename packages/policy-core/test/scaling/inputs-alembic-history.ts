import type { InputKind } from './input-kind.js';

// The inputs that grow an Alembic history (its revisions and heads), for linear-cost.test.ts: each
// asks a question of the revision graph per revision or per head.

const ALEMBIC = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';

export const ALEMBIC_HISTORY_KINDS: InputKind[] = [
  {
    // Each head's MIG100 finding names a few of the others, not all of them (its square).
    name: 'heads of one Alembic tree',
    n: 300,
    make: (n) => {
      const rev = (id: string, down?: string) =>
        `"""${id}\n\nRevision ID: ${id}\nRevises: ${down ?? ''}\n"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n\n\ndef upgrade():\n    ${id === 'h0' ? "op.drop_table('users')" : 'pass'}\n\n\ndef downgrade():\n    pass\n`;
      const files: Record<string, string> = { 'alembic/versions/base.py': rev('base') };
      for (let i = 0; i < n; i++) files[`alembic/versions/h${i}.py`] = rev(`h${i}`, 'base');
      return { policy: ALEMBIC, files };
    },
    reports: 'MIG100',
  },
  {
    // With one revision of unknown parent in the tree, MIG100 asks of each head whether it comes
    // after such a revision: asked through each head's ancestors, n heads on an n-long history
    // cost n^2 (graph-descendants.ts answers all heads in one sweep).
    name: 'heads at the end of a long Alembic history with one unknown parent',
    n: 600,
    make: (n) => {
      const rev = (id: string, down?: string) =>
        `"""${id}\n\nRevision ID: ${id}\nRevises: ${down ?? ''}\n"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`;
      const files: Record<string, string> = { 'alembic/versions/c0.py': rev('c0') };
      for (let i = 1; i <= n; i++) files[`alembic/versions/c${i}.py`] = rev(`c${i}`, `c${i - 1}`);
      for (let i = 0; i < n; i++) files[`alembic/versions/h${i}.py`] = rev(`h${i}`, `c${n}`);
      files['alembic/versions/zz.py'] = rev('zz', 'missing');
      return { policy: ALEMBIC, files };
    },
    reports: 'MIG100',
  },
  {
    // Each CREATE TABLE IF NOT EXISTS asks what ran before its revision: through the revision's
    // ancestor set, one per revision, n revisions in a line cost n^2 (a line needs no sets: what
    // runs before a revision is what comes before it).
    name: 'Alembic revisions in a line, each making a table IF NOT EXISTS',
    n: 500,
    make: (n) => {
      const rev = (id: string, down?: string, body = 'pass') =>
        `"""${id}\n\nRevision ID: ${id}\nRevises: ${down ?? ''}\n"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;
      const files: Record<string, string> = { 'alembic/versions/c0.py': rev('c0') };
      for (let i = 1; i <= n; i++)
        files[`alembic/versions/c${i}.py`] = rev(
          `c${i}`,
          `c${i - 1}`,
          `op.execute("CREATE TABLE IF NOT EXISTS t${i} (id int)")`,
        );
      files[`alembic/versions/c${n + 1}.py`] = rev(`c${n + 1}`, `c${n}`, "op.drop_table('users')");
      return { policy: ALEMBIC, files };
    },
    reports: 'MIG001',
  },
];
