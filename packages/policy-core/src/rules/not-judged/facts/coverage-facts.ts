import { describeUnjudged } from '../../../layouts/coverage.js';
import { otherDatabaseOf } from '../../../migrations/other-database.js';
import type { LayoutKind } from '../../../layouts/layout-entry.js';
import type { UnjudgedLayout } from '../../../layouts/unjudged-layouts.js';
import type { Finding } from '../../../finding.js';
import { type AnyRule, type CheckContext, findingOf } from '../../../rule.js';

/** What the COV rules read: the check's context and the layouts present and not judged, once. */
export interface CoverageRun {
  ctx: CheckContext;
  layouts: UnjudgedLayout[];
}

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * One finding per layout of `kind` not judged. On a tree, at the layout's first file (the first
 * unread one when none was read): what was seen, that no rule read it, and what a team can do.
 * On a change, one per layout the change writes into, at the first file it writes there, naming
 * what it writes: a new migration in a layout no rule reads is the change's own news. (At its
 * first file the finding stood on the base and was set aside as the base's, so a change adding
 * a migration that drops a table said "No findings" with only the coverage line below it.) A
 * layout the change leaves alone is the coverage line's to name, not the change's finding.
 */
export function unjudgedFindings(
  rule: Pick<AnyRule, 'id' | 'defaultSeverity'>,
  run: CoverageRun,
  kind: LayoutKind,
): Finding[] {
  const { ctx } = run;
  const layouts = run.layouts.filter((l) => l.entry.kind === kind);
  if (ctx.change === undefined) return layouts.map((l) => layoutFinding(rule, ctx, l));
  const written = new Set(ctx.change.files.filter((f) => f.status !== 'deleted').map((f) => f.path));
  return layouts.flatMap((l) => {
    const touched = [...l.files, ...l.unread.map((u) => u.path)].filter((p) => written.has(p));
    return touched.length === 0 ? [] : [changeFinding(rule, l, touched)];
  });
}

function layoutFinding(
  rule: Pick<AnyRule, 'id' | 'defaultSeverity'>,
  ctx: CheckContext,
  l: UnjudgedLayout,
): Finding {
  const file = l.files[0] ?? l.unread[0]?.path ?? ctx.policy.file;
  const them = l.files.length + l.unread.length === 1 ? 'it' : 'them';
  return findingOf(
    rule,
    file,
    TOP,
    `not judged: ${describeUnjudged(l)}; ${notCovered(l, them)}, so no rule ran on ${them} and "No findings" says nothing about ${them}; ${adviceFor(l)}.`,
  );
}

function changeFinding(
  rule: Pick<AnyRule, 'id' | 'defaultSeverity'>,
  l: UnjudgedLayout,
  touched: string[],
): Finding {
  const n = touched.length;
  const first = touched[0] as string;
  const named = n === 1 ? first : `${first} and ${n - 1} more`;
  const them = n === 1 ? 'it' : 'them';
  return findingOf(
    rule,
    first,
    TOP,
    `not judged: this change writes ${n === 1 ? 'one' : n} of ${describeUnjudged(l)}: ${named}; ${notCovered(l, them)}, so no rule ran on what this change does there and "No findings" says nothing about ${them}; ${adviceFor(l)}.`,
  );
}

function notCovered(l: UnjudgedLayout, them: string): string {
  return l.entry.judgedBy
    ? `\`${l.entry.judgedBy}\` does not cover ${them}`
    : 'Slipway does not read this layout';
}

/**
 * What a team can do: the layout's advice, unless every file of it sits in a folder named for
 * another database (`migrations/mysql/`, `sqlite/`): init leaves those out on purpose, since the
 * MIG rules judge PostgreSQL's locks, and pointing the policy at them would judge them as
 * PostgreSQL's (a stranger's init said "not proposed" and this rule then said "name their folder").
 */
function adviceFor(l: UnjudgedLayout): string {
  if (l.entry.kind !== 'migrations') return l.entry.advice;
  const paths = [...l.files, ...l.unread.map((u) => u.path)];
  const databases = paths.map((p) => otherDatabaseOf(p.slice(0, p.lastIndexOf('/') + 1)));
  const first = databases[0];
  // A layout has a file (or an unread one), so `first` is one of these.
  if (databases.some((d) => d === undefined)) return l.entry.advice;
  return `these are migrations for ${first}${new Set(databases).size > 1 ? ' and other databases' : ''}, and the MIG rules judge PostgreSQL's: review such migrations by hand`;
}
