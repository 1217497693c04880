import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** What `slipway init` found in a repository, to write a policy that fits it. */
export interface Detected {
  protectedPaths: string[];
  agentAllowed: string[];
  dependencies: { requirements: string; lock: string }[];
  alembic: string[];
  sql: string[];
  deployRecord?: string;
  auditLog?: string;
  updateConfig?: string;
}

/** The areas teams usually protect (core, security, payments, migrations); only those that exist in the repository are proposed. */
const PROTECTED_CANDIDATES = [
  'backend/app/core/',
  'backend/app/security/',
  'backend/app/database/',
  'backend/app/services/payments*',
  'backend/app/guardian/',
  'backend/app/db/migrations/',
];
const AGENT_CANDIDATES = [
  '/docs/*.md',
  '/docs/reports/*.md',
  '/docs/archive/*.md',
  '/infrastructure/*.yml',
  '/infrastructure/*.json',
  '/infrastructure/scripts/*',
  '/backend/app/routers/',
  '/backend/app/services/',
  '/backend/app/api/deps.py',
];

export function detect(root: string, files: readonly string[]): Detected {
  const fileSet = new Set(files);
  const dirs = new Set<string>();
  for (const f of files)
    for (let i = f.indexOf('/'); i !== -1; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i + 1));
  const exists = (pattern: string) => {
    const p = pattern.replace(/^\//, '');
    if (p.endsWith('/')) return dirs.has(p);
    if (p.includes('*')) {
      const prefix = p.slice(0, p.indexOf('*'));
      return files.some((f) => f.startsWith(prefix));
    }
    return fileSet.has(p);
  };
  const dependencies = files
    .filter((f) => posix.basename(f) === 'requirements.txt')
    .map((req) => ({ requirements: req, lock: req.replace(/\.txt$/, '.lock') }));
  const deployRecord = files.find((f) => posix.basename(f) === 'LAST_PROD_DEPLOY.json');
  return {
    protectedPaths: PROTECTED_CANDIDATES.filter(exists),
    agentAllowed: AGENT_CANDIDATES.filter(exists),
    dependencies,
    alembic: alembicTrees(root, files),
    sql: dirs.has('backend/app/db/migrations/') ? ['backend/app/db/migrations/**/*.sql'] : [],
    deployRecord,
    auditLog: deployRecord ? posix.join(posix.dirname(deployRecord), 'deploy-audit.jsonl') : undefined,
    updateConfig:
      files.find((f) => f === 'config/update.toml') ?? files.find((f) => f.endsWith('/config/update.toml')),
  };
}

/** Alembic trees: `script_location` of every alembic.ini, plus its `versions/` folder. */
function alembicTrees(root: string, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const ini of files.filter((f) => posix.basename(f) === 'alembic.ini')) {
    const text = safeRead(join(root, ini));
    const m = /^\s*script_location\s*=\s*(.+?)\s*$/m.exec(text ?? '');
    const base = posix.dirname(ini) === '.' ? '' : `${posix.dirname(ini)}/`;
    const location = (m?.[1] ?? 'alembic').replace(/^%\(here\)s\/?/, '').replace(/\/$/, '');
    const versions = `${base}${location}/versions`;
    if (files.some((f) => f.startsWith(`${versions}/`)) || existsSync(join(root, versions)))
      out.push(versions);
  }
  return out;
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
