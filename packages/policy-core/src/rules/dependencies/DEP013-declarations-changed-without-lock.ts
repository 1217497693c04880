import { touchedPaths } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule, RuleExample } from '../../rule.js';
import { relockCommand } from './DEP003-requirement-missing-from-lock.js';
import { declarationsChange } from './facts/declarations-change.js';
import { firstChangedLine } from './facts/first-changed-line.js';
import type { PairFacts } from './facts/pair-facts.js';
import type { PairRun } from './facts/pair-run.js';
import { at, related } from './facts/where.js';
import { npmDeclarationsWithoutLock } from './facts/npm-findings.js';
import { depSuppressDocs } from '../suppress-docs.js';

/** The docs examples' pyproject on the base: requests from 2.31 on. */
const PYPROJECT = '[project]\nname = "app"\nversion = "1.0"\ndependencies = ["requests>=2.31"]\n';

export const declarationsChangedWithoutLock: Rule<PairRun> = {
  id: 'DEP013',
  name: 'declarations-changed-without-lock',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'dependency declarations changed without the lock',
  docs: {
    what:
      "The change edits pyproject.toml's dependency declarations (`[project] dependencies` and " +
      '`optional-dependencies`, `[dependency-groups]`, `[tool.uv]` dev-dependencies, sources, ' +
      "overrides and environments, `requires-python`, Poetry's dependency tables and groups) and " +
      'leaves the paired lock as it was. Declarations are compared as data: a comment, the layout ' +
      'of a list or another tool section (`[tool.ruff]`) is not a dependency change. In an npm, pnpm, ' +
      "Yarn or Bun pair, the same for a package.json's dependency sections, its `overrides` and " +
      "`resolutions`, and pnpm's and Bun's catalogs; for pnpm, the one overrides map pnpm reads: the " +
      "root package.json's `resolutions` and `pnpm.overrides` when they have a key, else " +
      "pnpm-workspace.yaml's `overrides` (pnpm 11, named in `packageManager` or `devEngines`, reads only " +
      "the latter; no pnpm reads npm's `overrides`), so editing a field pnpm does not read is no change. " +
      'A pnpm lock the change edits too must record that map as its `overrides:` (as pnpm writes it, ' +
      '`catalog:` and `$name` resolved): `pnpm install --frozen-lockfile` refuses it otherwise.',
    why:
      'uv.lock records the declarations it was resolved from and poetry.lock a hash of them, so a ' +
      'declaration bumped without the lock fails `uv lock --check` and `poetry check --lock` at ' +
      'deploy time, or, where nothing checks, ships the old resolution while the review shows the new one.',
    fix:
      "Regenerate the lock with the pair's own tool (`uv lock`, `poetry lock`; `npm install`, `pnpm install`, " +
      '`yarn install`, `bun install`) and commit it with the change to the declarations.',
    suppress: depSuppressDocs('DEP013'),
    examples: [
      pyprojectEdit('flagged', PYPROJECT.replace('requests>=2.31', 'requests>=2.32'), 'bump-requests', [
        'approved-dependency-upgrade',
      ]),
      pyprojectEdit('fine', `${PYPROJECT}\n[tool.ruff]\nline-length = 100\n`, 'ruff-line-length', []),
    ],
  },
  check: ({ ctx, pair }) =>
    pair.npm
      ? npmDeclarationsWithoutLock(ctx, pair, declarationsChangedWithoutLock)
      : checkDeclarationsWithoutLock(ctx, pair),
};

export function checkDeclarationsWithoutLock(ctx: CheckContext, facts: PairFacts): Finding[] {
  const change = ctx.change;
  if (!change) return [];
  const moved = declarationsChange(ctx, facts);
  if (!moved) return [];
  const lock = facts.pair.lock;
  if (touchedPaths(change).includes(lock) && change.readBase?.(lock) !== ctx.repo.readFile(lock)) return [];
  const file = facts.requirementFiles[0];
  if (!file) return [];
  const first = moved.added[0];
  const where = first
    ? at(file, first.start, first.end)
    : { file: file.path, range: firstChangedLine(change.readBase?.(file.path), file.text) };
  const what = first
    ? ` (${first.section}: \`${first.source}\`${moved.added.length > 1 ? ` and ${moved.added.length - 1} more` : ''})`
    : '';
  const f: Finding = {
    rule: declarationsChangedWithoutLock.id,
    severity: declarationsChangedWithoutLock.defaultSeverity,
    message: `this change edits the dependency declarations in ${file.path}${what} but not ${lock}; run ${relockCommand(facts)} and commit ${lock} with it.`,
    ...where,
  };
  if (facts.tomlLock) f.related = [related(facts.tomlLock, 0, 0, 'the lock this change leaves as it was')];
  else if (facts.lockFiles[0])
    f.related = [related(facts.lockFiles[0], 0, 0, 'the lock this change leaves as it was')];
  return [f];
}

/** A docs example: `text`, the pyproject on `branch` (with `labels`), edited from `PYPROJECT` on the base. */
function pyprojectEdit(
  verdict: RuleExample['verdict'],
  text: string,
  branch: string,
  labels: string[],
): RuleExample {
  return {
    verdict,
    file: 'pyproject.toml',
    text,
    change: { branch, labels, files: ['pyproject.toml'], base: { 'pyproject.toml': PYPROJECT } },
    beside: {
      'uv.lock':
        'version = 1\n\n[[package]]\nname = "requests"\nversion = "2.32.3"\nsource = { registry = "https://pypi.org/simple" }\n',
      'slipway.yaml':
        'version: 1\ndependencies:\n  requirements: pyproject.toml\n  lock: uv.lock\n  mode: superset\n',
    },
  };
}
