import {
  type ChangeSet,
  type Finding,
  initSqlParser,
  MemoryRepo,
  migrationFamily,
  type PolicyDocument,
  parsePolicyText,
} from '@slipway/policy-core';

export const DEFAULT_POLICY =
  'version: 1\nmigrations:\n  alembic: alembic/versions\n  sql: ["db/migrations/**/*.sql"]\n';

export async function ready(): Promise<void> {
  await initSqlParser();
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

export function findingKeys(findings: Finding[], rules?: ReadonlySet<string>): string[] {
  return findings
    .filter((f) => !rules || rules.has(f.rule))
    .map((f) => `${f.file}:${f.range.start.line + 1}:${f.rule}`)
    .sort();
}
