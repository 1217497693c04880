import type { Finding } from '../../finding.js';
import { isDeclared, rangeText } from '../../requirements/declared-requirement.js';
import type { LockEntry } from '../../requirements/lock-file.js';
import { pinOf } from '../../requirements/pin.js';
import type { RequirementEntry } from '../../requirements/requirements-file.js';
import { type SpecifierLike, satisfiesAll } from '../../requirements/specifier-set.js';
import type { Rule } from '../../rule.js';
import { relockCommand } from './DEP003-requirement-missing-from-lock.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import type { PairRun } from './facts/pair-run.js';
import { at, related } from './facts/where.js';
import { npmOutsideRange } from './facts/npm-findings.js';
import { depSuppressDocs } from '../suppress-docs.js';

export const lockPinOutsideRange: Rule<PairRun> = {
  id: 'DEP012',
  name: 'lock-pin-outside-range',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'lock pin outside the declared range',
  docs: {
    what:
      'The lock pins a version the requirements do not allow: a pip-tools input says `Flask>=2.2.0` ' +
      'and the compiled lock keeps `flask==2.0.3`, or pyproject.toml declares `requests>=2.32` (or ' +
      "Poetry's `^2.32`) while uv.lock or poetry.lock still holds 2.31.0. Versions are compared as " +
      "PEP 440 says (packaging's `SpecifierSet.contains`, pre-releases allowed: a lock may pin one on " +
      "purpose); Poetry's `^`, `~`, `*` and `||` are read as Poetry documents them. An exact `==` pin " +
      'in a requirements file is DEP004; a package uv pins with `override-dependencies`, and path, git ' +
      'and URL dependencies, have no range to check. When the lock holds the package more than once ' +
      '(a forked uv.lock), one entry inside the range is enough. In an npm, pnpm, Yarn or Bun project, a ' +
      "dependency the root package.json overrides is judged against the override, by its tool's rules " +
      "(for pnpm `pnpm.overrides` and `resolutions`, or, when both are empty, pnpm-workspace.yaml's `overrides`; " +
      "for pnpm 11, when the root package.json names it in `packageManager` or `devEngines`, pnpm-workspace.yaml's " +
      'alone, as pnpm 11 reads no overrides from package.json, and from pnpm 11.13 on a convergence override ' +
      '(`"foo@": "1.2.3"`) only over a range its version satisfies; ' +
      "`overrides` for npm but never over the root's own " +
      'dependencies; `resolutions` for Yarn; either for Bun): the lock must install what the override asks for.',
    why:
      'The range was raised (a security fix, a feature the code now uses) but the lock, which is what ' +
      'gets installed, was not regenerated: the deployment runs the old version the range rules out.',
    fix: 'Regenerate the lock in the same change (`uv lock`, `poetry lock`, pip-compile), or widen the range back if the old version is meant.',
    suppress: depSuppressDocs('DEP012'),
    examples: [
      {
        verdict: 'flagged',
        file: 'requirements.in',
        text: 'Flask>=2.2.0\n' + 'requests\n',
        beside: {
          'requirements.txt': 'flask==2.0.3\n' + 'requests==2.31.0\n' + 'urllib3==2.2.1\n',
          'slipway.yaml':
            'version: 1\n' +
            'dependencies:\n' +
            '  requirements: requirements.in\n' +
            '  lock: requirements.txt\n' +
            '  mode: superset\n' +
            'rules:\n' +
            '  DEP001: off\n',
        },
      },
      {
        verdict: 'fine',
        file: 'pyproject.toml',
        text:
          '[project]\n' +
          'name = "app"\n' +
          'version = "1.0"\n' +
          'requires-python = ">=3.11"\n' +
          'dependencies = ["flask>=2.2.0", "requests~=2.31"]\n',
        beside: {
          'uv.lock':
            'version = 1\n' +
            'requires-python = ">=3.11"\n\n' +
            '[[package]]\n' +
            'name = "app"\n' +
            'version = "1.0"\n' +
            'source = { editable = "." }\n\n' +
            '[[package]]\n' +
            'name = "flask"\n' +
            'version = "3.0.3"\n' +
            'source = { registry = "https://pypi.org/simple" }\n\n' +
            '[[package]]\n' +
            'name = "requests"\n' +
            'version = "2.32.3"\n' +
            'source = { registry = "https://pypi.org/simple" }\n',
          'slipway.yaml':
            'version: 1\n' +
            'dependencies:\n' +
            '  requirements: pyproject.toml\n' +
            '  lock: uv.lock\n' +
            '  mode: superset\n',
        },
      },
    ],
  },
  check: ({ pair, match }) =>
    pair.npm ? npmOutsideRange(pair, lockPinOutsideRange) : checkPinsInRange(pair, match),
};

/** The versions a requirement allows, as alternatives; undefined when it has no range to check. */
function rangesOf(entry: RequirementEntry): SpecifierLike[][] | undefined {
  if (entry.kind !== 'pep508' || entry.url || entry.editable) return undefined;
  if (isDeclared(entry)) return entry.ranges.length > 0 ? entry.ranges : undefined;
  // A requirements file's exact pin is DEP004's; its other specifiers are a range.
  if (pinOf(entry) || entry.specifiers.length === 0) return undefined;
  return [entry.specifiers];
}

export function checkPinsInRange(facts: PairFacts, match: LockMatch): Finding[] {
  if (!match.lockReadable) return [];
  const out: Finding[] = [];
  // Candidates are the requirements that do not agree with their lock entry: every range is one.
  for (const { file, entry } of match.candidates) {
    const key = entry.key;
    if (!key || facts.pyproject?.overridden.has(key)) continue;
    const ranges = rangesOf(entry);
    const locked = ranges && match.byKey.get(key)?.filter((e) => e.version !== undefined);
    if (!ranges || !locked || locked.length === 0) continue;
    if (!locked.every((e) => outside(e, ranges))) continue;
    const lockFile = match.lockFile(locked[0] as LockEntry);
    const versions = [...new Set(locked.map((e) => e.version))].join(', ');
    const hasSpan = entry.specStart >= 0 && entry.specEnd > entry.specStart;
    const f: Finding = {
      rule: lockPinOutsideRange.id,
      severity: lockPinOutsideRange.defaultSeverity,
      message: `\`${entry.name}\`${isDeclared(entry) ? ` (${entry.section})` : ''} allows ${rangeText(entry)} here, but ${facts.pair.lock} pins ${versions}, outside that range; regenerate the lock (${relockCommand(facts)}) in this change, or widen the range if the locked version is meant.`,
      ...at(file, hasSpan ? entry.specStart : entry.nameStart, hasSpan ? entry.specEnd : entry.nameEnd),
    };
    const first = locked[0] as LockEntry;
    if (lockFile && first.versionStart >= 0)
      f.related = [related(lockFile, first.versionStart, first.versionEnd, `the lock pins ${first.version}`)];
    out.push(f);
  }
  return out;
}

/** True only when the entry's version is read and no alternative allows it. */
function outside(e: LockEntry, ranges: SpecifierLike[][]): boolean {
  let decided = true;
  for (const specs of ranges) {
    const ok = satisfiesAll(e.version as string, specs);
    if (ok === true) return false;
    if (ok === undefined) decided = false;
  }
  return decided;
}
