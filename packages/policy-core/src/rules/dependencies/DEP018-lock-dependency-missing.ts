import type { Finding } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { commentSuppressDocs } from '../suppress-docs.js';
import type { PairRun } from './facts/pair-run.js';
import { at } from './facts/where.js';

const POLICY =
  'version: 1\ndependencies:\n  requirements: pyproject.toml\n  lock: uv.lock\n  mode: superset\n';
const PYPROJECT = '[project]\nname = "app"\nversion = "1.0"\ndependencies = ["requests==2.31.0"]\n';
const ENTRY = (name: string, version: string, needs: string[]) =>
  `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "https://pypi.org/simple" }\n` +
  (needs.length ? `dependencies = [\n${needs.map((n) => `    { name = "${n}" },\n`).join('')}]\n` : '') +
  '\n';
const APP =
  '[[package]]\nname = "app"\nversion = "1.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "requests" },\n]\n\n';

export const lockDependencyMissing: Rule<PairRun> = {
  id: 'DEP018',
  name: 'lock-dependency-missing',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'a locked package needs one the lock does not pin',
  docs: {
    what:
      'An entry of a `uv.lock` or `poetry.lock` lists a package it needs (uv: `dependencies` and ' +
      "each extra's and dev group's list; Poetry: `[package.dependencies]`, an `optional` one left " +
      'out) that has no entry of its own in the lock.',
    why:
      'uv and Poetry write a complete resolution: every package an entry needs is pinned beside it. ' +
      'A missing one was cut out by hand, so the install either fails (`uv sync --locked`) or ' +
      'resolves that package afresh from the index at install time: an unpinned, unhashed ' +
      'dependency that nobody reviewed, the opening a dependency-confusion or typosquatting ' +
      'package needs. The requirement rules do not see it: no declaration names a transitive package.',
    fix: 'Restore the entry: run `uv lock` or `poetry lock` again and commit what it writes.',
    suppress: commentSuppressDocs('DEP018'),
    examples: [
      {
        verdict: 'flagged',
        file: 'uv.lock',
        text: `version = 1\nrequires-python = ">=3.11"\n\n${APP}${ENTRY('requests', '2.31.0', ['certifi', 'idna'])}${ENTRY('idna', '3.6', [])}`,
        beside: { 'pyproject.toml': PYPROJECT, 'slipway.yaml': POLICY },
      },
      {
        verdict: 'fine',
        file: 'uv.lock',
        text: `version = 1\nrequires-python = ">=3.11"\n\n${APP}${ENTRY('certifi', '2024.2.2', [])}${ENTRY('requests', '2.31.0', ['certifi', 'idna'])}${ENTRY('idna', '3.6', [])}`,
        beside: { 'pyproject.toml': PYPROJECT, 'slipway.yaml': POLICY },
      },
    ],
  },
  check: ({ pair, match }) => {
    if (pair.lockFormat !== 'uv' && pair.lockFormat !== 'poetry') return [];
    const file = pair.tomlLock;
    if (!file || !match.lockReadable) return [];
    const out: Finding[] = [];
    for (const e of pair.lockEntries) {
      const missing = (e.needs ?? []).filter((k) => !match.byKey.has(k) && !pair.lockProjects.has(k));
      if (missing.length === 0) continue;
      const names = missing.map((k) => `\`${k}\``).join(', ');
      out.push({
        rule: lockDependencyMissing.id,
        severity: lockDependencyMissing.defaultSeverity,
        message: `\`${e.name}\` needs ${names}, which ${pair.pair.lock} does not pin: cut out by hand, ${missing.length === 1 ? 'it' : 'they'} would be resolved afresh from the index at install time (unpinned, unreviewed), or the install fails; run \`${pair.lockFormat === 'uv' ? 'uv lock' : 'poetry lock'}\` again and commit what it writes.`,
        ...at(file, e.start, e.end),
      });
    }
    return out;
  },
};
