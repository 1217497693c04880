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

/** What detection may read beyond the file list: the Node entry answers from disk, a test from memory. */
export interface LayoutReader {
  readFile(path: string): string | undefined;
  /** An empty Alembic `versions/` folder is in no file list but still names the tree. */
  isDirectory(path: string): boolean;
}

/**
 * Finds the parts of a repository a policy has sections for (protected areas, agent paths,
 * requirements and locks, Alembic trees, SQL migrations, the deploy record, the updater config).
 * Pure: `files` are repository paths, `reader` answers for their contents.
 */
export function detectLayout(files: readonly string[], reader: LayoutReader): Detected {
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
    .filter((f) => basename(f) === 'requirements.txt')
    .map((req) => ({ requirements: req, lock: req.replace(/\.txt$/, '.lock') }));
  const deployRecord = files.find((f) => basename(f) === 'LAST_PROD_DEPLOY.json');
  return {
    protectedPaths: PROTECTED_CANDIDATES.filter(exists),
    agentAllowed: AGENT_CANDIDATES.filter(exists),
    dependencies,
    alembic: alembicTrees(files, reader),
    sql: dirs.has('backend/app/db/migrations/') ? ['backend/app/db/migrations/**/*.sql'] : [],
    deployRecord,
    auditLog: deployRecord ? `${dirnameSlash(deployRecord)}deploy-audit.jsonl` : undefined,
    updateConfig:
      files.find((f) => f === 'config/update.toml') ?? files.find((f) => f.endsWith('/config/update.toml')),
  };
}

/** Alembic trees: `script_location` of every alembic.ini, plus its `versions/` folder. */
function alembicTrees(files: readonly string[], reader: LayoutReader): string[] {
  const out: string[] = [];
  for (const ini of files.filter((f) => basename(f) === 'alembic.ini')) {
    const text = reader.readFile(ini);
    const m = /^\s*script_location\s*=\s*(.+?)\s*$/m.exec(text ?? '');
    const base = dirnameSlash(ini);
    const location = (m?.[1] ?? 'alembic').replace(/^%\(here\)s\/?/, '').replace(/\/$/, '');
    const versions = `${base}${location}/versions`;
    if (files.some((f) => f.startsWith(`${versions}/`)) || reader.isDirectory(versions)) out.push(versions);
  }
  return out;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder of a repository path with its trailing slash; '' at the root. */
function dirnameSlash(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}
