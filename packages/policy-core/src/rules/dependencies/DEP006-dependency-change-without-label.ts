import { sameNpmDeclarations } from '../../requirements/npm/npm-declarations.js';
import { refusedLabelNote, touchedPaths } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import { declarationsChange, supplyChainChanged } from './facts/declarations-change.js';
import { dependencySetSignature } from './facts/dependency-set.js';
import type { PairFacts } from './facts/pair-facts.js';
import { firstChangedLine } from './facts/first-changed-line.js';
import { policyAt } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { depSuppressDocs } from '../suppress-docs.js';

export const dependencyChangeWithoutLabel: Rule<PairRun> = {
  id: 'DEP006',
  name: 'dependency-change-without-label',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'dependency files changed without the label',
  docs: {
    what:
      'The change touches the requirements (or a file they include) or the lock, and does not carry the ' +
      "pair's `label` (default `approved-dependency-upgrade`). With `label_when: set-changed` only a " +
      'change of the dependency set counts; comments, the header, ordering and whitespace do not. When the ' +
      'requirements are a pyproject.toml, only an edit of its dependency declarations, its ' +
      "`[build-system]`, `[tool.uv]` (indexes, find-links, sources) or Poetry's `source` counts " +
      '(another tool section, a comment or the layout of a list does not). The ' +
      'finding sits on the first changed line of the file a person edits — the requirements when they ' +
      "changed, else a file they include, the lock last (a line of the pull request's diff, so GitHub " +
      "shows it where the reviewer reads) — and points to the policy's `label` line as a related location.",
    why:
      'A dependency upgrade changes what runs in production; it must be intentional and reviewed, and ' +
      'the label records that review. Where labels are unknown (the editor, a push) this is a warning ' +
      'that names the label the change will need.',
    fix: 'After the review, add the label to the pull request, or revert the dependency change.',
    suppress: depSuppressDocs('DEP006'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.0\n' + 'requests==2.32.3\n',
        change: {
          branch: 'upgrade-requests',
          labels: [],
          files: ['backend/requirements.txt', 'backend/requirements.lock'],
        },
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.32.3\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.0\n' + 'requests==2.32.3\n',
        change: {
          branch: 'upgrade-requests',
          labels: ['approved-dependency-upgrade'],
          files: ['backend/requirements.txt', 'backend/requirements.lock'],
        },
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.32.3\n',
        },
      },
    ],
  },
  check: ({ ctx, pair }) => checkLabel(ctx, pair),
};

function setChanged(ctx: CheckContext, path: string): boolean {
  const change = ctx.change;
  if (!change?.readBase) return true;
  const before = change.readBase(path);
  const after = ctx.repo.readFile(path);
  if (before === undefined || after === undefined) return before !== after;
  if (before === after) return false;
  return dependencySetSignature(path, before, ctx.env) !== dependencySetSignature(path, after, ctx.env);
}

export function checkLabel(ctx: CheckContext, facts: PairFacts): Finding[] {
  const change = ctx.change;
  if (!change) return [];
  const label = facts.pair.label;
  if (change.labels?.includes(label)) return [];
  const depFiles = new Set([...facts.read, facts.pair.requirements, facts.pair.lock]);
  let touched = [...new Set(touchedPaths(change))].filter((p) => depFiles.has(p));
  if (facts.pair.label_when === 'set-changed') touched = touched.filter((p) => setChanged(ctx, p));
  // pyproject.toml holds much besides dependencies: only an edit of its declarations counts.
  if (facts.pyproject && change.readBase)
    touched = touched.filter(
      (p) =>
        p !== facts.pair.requirements ||
        declarationsChange(ctx, facts) !== undefined ||
        supplyChainChanged(ctx, facts),
    );
  // A package.json holds scripts and the package's version too: only an edit of its declarations
  // (or overrides, or Bun's catalogs) counts, as for BR003.
  if (facts.npm && change.readBase)
    touched = touched.filter(
      (p) => p === facts.pair.lock || !isPackageJson(p) || npmDeclarationsMoved(ctx, p),
    );
  // The file a person edits first, the machine-written lock last: GitHub collapses a big lock's
  // diff, and an annotation there goes unseen.
  const rank = (p: string) => (p === facts.pair.requirements ? 0 : p === facts.pair.lock ? 2 : 1);
  touched.sort((a, b) => rank(a) - rank(b));
  if (touched.length === 0) return [];
  const unknown = change.labels === undefined;
  const list = touched.join(', ');
  // The annotation goes on the first changed line of a changed file that still exists: that line
  // is in the pull request's diff, so GitHub shows it (the policy's label line usually is not).
  const places = touched.flatMap((p) => {
    const after = ctx.repo.readFile(p);
    return after === undefined ? [] : [{ file: p, range: firstChangedLine(change.readBase?.(p), after) }];
  });
  const labelLine = { ...policyAt(ctx, facts, 'label'), message: `the label this pair needs (\`${label}\`)` };
  const primary = places[0] ?? policyAt(ctx, facts, 'label');
  const related = [
    ...places.slice(1).map((p) => ({ ...p, message: 'changed dependency file' })),
    ...(places.length > 0 ? [labelLine] : []),
    ...touched
      .filter((p) => !places.some((q) => q.file === p))
      .map((p) => ({ file: p, range: START, message: 'changed (deleted) dependency file' })),
  ];
  return [
    {
      rule: dependencyChangeWithoutLabel.id,
      severity: unknown ? 'warning' : dependencyChangeWithoutLabel.defaultSeverity,
      message: unknown
        ? `this change needs label \`${label}\`: it changes ${list} (labels are unknown here; CI with the pull request fails without it).`
        : `this change touches ${list} without the \`${label}\` label${refusedLabelNote(change, label)}; add the label after reviewing the upgrade, or revert the dependency change.`,
      ...primary,
      ...(related.length > 0 ? { related } : {}),
    },
  ];
}

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const isPackageJson = (path: string): boolean => path === 'package.json' || path.endsWith('/package.json');

function npmDeclarationsMoved(ctx: CheckContext, path: string): boolean {
  const before = ctx.change?.readBase?.(path);
  const after = ctx.repo.readFile(path);
  return before === undefined || after === undefined || !sameNpmDeclarations(before, after);
}
