import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChangeSet,
  type Finding,
  initSqlParser,
  MemoryRepo,
  migrationFamily,
  type PolicyDocument,
  parsePolicyText,
} from '@slipway/policy-core';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

export const DEFAULT_POLICY =
  'version: 1\nmigrations:\n  alembic: alembic/versions\n  sql: ["db/migrations/**/*.sql"]\n';

export async function ready(): Promise<void> {
  await initSqlParser();
}

/** Every file under `dir`, keyed by its path relative to `dir` (POSIX). */
export function readTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) Object.assign(out, readTree(full, rel));
    else out[rel] = readFileSync(full, 'utf8');
  }
  return out;
}

export function policyDoc(text = DEFAULT_POLICY, file = 'slipway.yaml'): PolicyDocument {
  const parsed = parsePolicyText(text, file);
  if (!parsed.document)
    throw new Error(`test policy invalid: ${parsed.findings.map((f) => f.message).join('; ')}`);
  return parsed.document;
}

export function runMig(
  files: Record<string, string>,
  change?: ChangeSet,
): { findings: Finding[]; filesChecked: string[] } {
  const policy = policyDoc(files['slipway.yaml'] ?? DEFAULT_POLICY);
  const repo = new MemoryRepo({ 'slipway.yaml': policy.text, ...files });
  return migrationFamily.check({
    policy,
    repo,
    now: new Date('2026-01-01T00:00:00Z'),
    env: {},
    ...(change ? { change } : {}),
  });
}

/** `# expect: MIG001 MIG020` / `-- expect: MIG001` markers → sorted "file:line:rule" keys (1-based lines). */
export function expectedMarkers(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    text.split('\n').forEach((line, i) => {
      const at = line.search(/(#|--) expect: /);
      if (at === -1) return;
      const ids = line
        .slice(at)
        .replace(/^(#|--) expect: /, '')
        .trim()
        .split(/\s+/);
      for (const id of ids) out.push(`${file}:${i + 1}:${id}`);
    });
  }
  return out.sort();
}

export function findingKeys(findings: Finding[], rules?: ReadonlySet<string>): string[] {
  return findings
    .filter((f) => !rules || rules.has(f.rule))
    .map((f) => `${f.file}:${f.range.start.line + 1}:${f.rule}`)
    .sort();
}
