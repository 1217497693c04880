import { appendAll } from '../../append-all.js';
import type { Finding } from '../../finding.js';
import { normaliseRoot } from '../../migrations/analyze.js';
import { type PathListing, PathMatcher, type PatternSource } from '../../paths/index.js';
import { writtenByBase } from '../../policy/extends/merge-policy.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { PolicyRun } from './facts/policy-facts.js';
import { AUTH_POLICY, policyExample } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';
import { LOGIN_PY } from '../paths/facts/examples.js';

export const stalePattern: Rule<PolicyRun> = {
  id: 'POL002',
  name: 'stale-pattern',
  family: 'POL',
  facts: 'policy',
  defaultSeverity: 'warning',
  title: 'path pattern matches no file',
  docs: {
    what:
      'A pattern under `protected.paths` or `agents.allowed` matches no file in the repository, or a ' +
      '`migrations.alembic` folder holds no file. Entries a shared base brought in (`extends:`) are ' +
      'not judged: a base pattern need not match in every repository that extends it.',
    why:
      'A protection that matches nothing protects nothing, and no migration check runs for a folder ' +
      'that is not there: usually a directory was renamed and the policy was not.',
    fix: 'Fix the pattern or the folder, or remove it if the path is gone for good.',
    suppress: commentSuppressDocs('POL002'),
    examples: [
      policyExample(
        'flagged',
        'version: 1\n' +
          'protected:\n' +
          '  paths: [backend/app/authz/]   # the folder is backend/app/auth/\n' +
          '  label: approved-core-change\n',
        { beside: { 'backend/app/auth/login.py': LOGIN_PY } },
      ),
      policyExample('fine', AUTH_POLICY, { beside: { 'backend/app/auth/login.py': LOGIN_PY } }),
    ],
  },
  check: ({ ctx }) => checkStalePatterns(ctx),
};

/** The policy lists whose patterns must keep matching something. */
const PATTERN_LISTS = [
  ['protected', 'paths'],
  ['agents', 'allowed'],
] as const;

export function checkStalePatterns(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const { policy } = ctx.policy;
  const files = listingWithPolicy(ctx);
  for (const [section, key] of PATTERN_LISTS) {
    const list = (policy[section] as Record<string, unknown> | undefined)?.[key] as string[] | undefined;
    if (!list?.length) continue;
    const sources: PatternSource[] = list.map((pattern, i) => ({ pattern, policyPath: [section, key, i] }));
    // A listed path that reads as no file is a directory: a submodule (or a checkout's gitlink).
    const isDirectory = (path: string) => ctx.repo.readFile(path) === undefined;
    for (const unused of new PathMatcher(sources).unusedPatterns(files, isDirectory)) {
      if (unused.pattern.startsWith('!')) continue;
      // Every source above is made with its policyPath: the matcher hands the same ones back.
      const at = unused.policyPath!;
      // A shared base's pattern (`extends:`) need not match in every repository that extends it.
      if (writtenByBase(ctx.policy, at)) continue;
      findings.push({
        rule: 'POL002',
        severity: 'warning',
        message: `\`${unused.pattern}\` under \`${section}.${key}\` matches no file in the repository; fix the pattern or remove it.`,
        file: ctx.policy.file,
        range: ctx.policy.locate(at),
      });
    }
  }
  appendAll(findings, checkMissingAlembicFolders(ctx, files));
  return findings;
}

/**
 * The repository's files as POL002 asks about them: by prefix when the host can answer that
 * without listing every path (`filesUnder`), else the list (searched by prefix in order). With
 * the policy file itself, which was read and so exists even before its first commit (`slipway
 * init`, then `slipway check --tree`), when a listing of tracked files does not have it yet.
 */
function listingWithPolicy(ctx: CheckContext): readonly string[] | PathListing {
  const { repo } = ctx;
  const file = ctx.policy.file;
  const listed = () => {
    const files = repo.listFiles();
    return files.includes(file) ? files : [...files, file];
  };
  if (!repo.filesUnder) return listed();
  const under = repo.filesUnder.bind(repo);
  let all: readonly string[] | undefined;
  let policyListed: boolean | undefined;
  return {
    all: () => {
      all ??= listed();
      return all;
    },
    *under(prefix) {
      yield* under(prefix);
      // Stryker disable next-line AssignmentOperator: asked once instead of per prefix; asked never, the policy is yielded twice, the same answer
      policyListed ??= [...under(file)].includes(file);
      if (!policyListed && file.startsWith(prefix)) yield file;
    },
  };
}

/** Whether any listed file starts with `prefix`. */
function anyUnder(files: readonly string[] | PathListing, prefix: string): boolean {
  if (Array.isArray(files)) return (files as readonly string[]).some((f) => f.startsWith(prefix));
  return !(files as PathListing).under(prefix)[Symbol.iterator]().next().done;
}

/** `migrations.alembic` folders with no file under them: the MIG rules would silently skip them. */
function checkMissingAlembicFolders(ctx: CheckContext, files: readonly string[] | PathListing): Finding[] {
  const alembic = ctx.policy.policy.migrations?.alembic;
  if (alembic === undefined) return [];
  const entries =
    typeof alembic === 'string'
      ? [{ raw: alembic, at: [] as number[] }]
      : alembic.map((raw, i) => ({ raw, at: [i] }));
  const findings: Finding[] = [];
  for (const { raw, at } of entries) {
    const root = normaliseRoot(raw);
    if (root === '' || anyUnder(files, `${root}/`)) continue;
    if (writtenByBase(ctx.policy, ['migrations', 'alembic', ...at])) continue;
    findings.push({
      rule: 'POL002',
      severity: 'warning',
      message: `\`${raw}\` under \`migrations.alembic\` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.`,
      file: ctx.policy.file,
      range: ctx.policy.locate(['migrations', 'alembic', ...at], 'value'),
    });
  }
  return findings;
}
