import type { Detected } from './detect-layout.js';

/** Writes slipway.yaml text for what was detected, with comments that say what each part is for. */
export function renderPolicy(d: Detected, productionBranch: string): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (items: string[], indent: string) => items.map((i) => `${indent}- ${q(i)}`).join('\n');
  const out: string[] = [
    '# Slipway policy: https://www.npmjs.com/package/@slipway/policy-core — `slipway explain <RULE>` for each rule.',
    'version: 1',
    `production_branch: ${q(productionBranch)}`,
    '',
    '# Changes to these paths need the label after a human review (PATH001/PATH003).',
    'protected:',
    '  label: approved-core-change',
    d.protectedPaths.length
      ? `  paths:\n${list(d.protectedPaths, '    ')}`
      : '  paths: []  # add the paths that need review',
    '',
    '# Agent branches may touch only `allowed` (PATH002); agents never commit to the production branch (BR001).',
    'agents:',
    '  branches: ["auto/*"]',
    '  identities: ["*[bot]@users.noreply.github.com"]',
    d.agentAllowed.length ? `  allowed:\n${list(d.agentAllowed, '    ')}` : '  allowed: []',
  ];
  if (d.dependencies.length === 1) {
    const [p] = d.dependencies;
    out.push(
      '',
      '# Every requirement pinned with ==, the lock mirrors it, a label when either changes (DEP001–DEP011).',
      'dependencies:',
      `  requirements: ${q(p?.requirements ?? '')}`,
      `  lock: ${q(p?.lock ?? '')}`,
      '  mode: mirror',
      '  label: approved-dependency-upgrade',
    );
  } else if (d.dependencies.length > 1) {
    out.push(
      '',
      '# Every requirement pinned with ==, each lock mirrors its requirements file.',
      'dependencies:',
    );
    for (const p of d.dependencies)
      out.push(`  - requirements: ${q(p.requirements)}`, `    lock: ${q(p.lock)}`);
  }
  if (d.alembic.length) {
    out.push(
      '',
      '# Alembic owns the schema: destructive operations, reversibility, one head (MIG*), databases in step (DB*).',
      'migrations:',
      d.alembic.length === 1
        ? `  alembic: ${q(d.alembic[0] ?? '')}`
        : `  alembic:\n${list(d.alembic, '    ')}`,
    );
    if (d.sql.length) out.push(`  sql:\n${list(d.sql, '    ')}`);
    out.push(
      '  databases:',
      '    dev: { url_env: DATABASE_URL }',
      '    prod: { url_env: DATABASE_URL_PROD }',
    );
  } else if (d.sql.length) {
    // Plain SQL migrations without Alembic: their statements are still checked.
    out.push(
      '',
      '# SQL migrations are reviewed; destructive statements are flagged (MIG*).',
      'migrations:',
      `  sql:\n${list(d.sql, '    ')}`,
    );
  }
  if (d.deployRecord) {
    out.push(
      '',
      '# The deploy record and its audit log (REC*, AUD*); promote and rollback keep them true.',
      'deploy:',
      `  record: ${q(d.deployRecord)}`,
      `  audit_log: ${q(d.auditLog ?? '')}`,
    );
  }
  if (d.updateConfig) {
    out.push('', '# The self-updating service (UPD*).', 'update:', `  config: ${q(d.updateConfig)}`);
  }
  return `${out.join('\n')}\n`;
}
