import { appendAll } from '../../../append-all.js';
import type { Finding } from '../../../finding.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { MigFacts, MigFileRule, MigrationFile } from './mig-facts.js';
import { everySeriesFiles, type SeriesFile } from './series-forward-files.js';

/**
 * The findings of `rule` on `file` with each op of `revised` replaced by its steps, that it had
 * not without them: how a replay of the series tells a per-file rule (cached by file) what only
 * the migrations before the file say (a column NOT NULL, a table under row security).
 */
export function rejudgedFindings(
  rule: MigFileRule,
  file: SeriesFile,
  revised: ReadonlyMap<SchemaOp, readonly SchemaOp[]>,
): Finding[] {
  const swap = (ops: readonly SchemaOp[]) => ops.flatMap((op) => revised.get(op) ?? [op]);
  const f = file.file;
  const now: MigrationFile =
    f.kind === 'sql'
      ? { ...f, file: { ...f.file, ops: swap(f.file.ops) } }
      : {
          ...f,
          module: {
            ...f.module,
            ...(f.module.upgrade
              ? { upgrade: { ...f.module.upgrade, ops: swap(f.module.upgrade.ops) } }
              : {}),
          },
        };
  const key = (x: Finding) => `${x.range.start.line}:${x.range.start.character}\u0000${x.message}`;
  const before = new Set(rule.check(f).map(key));
  return rule.check(now).filter((x) => !before.has(key(x)));
}

/**
 * Replays each series that has an op `relevant` (in a file in scope) in its runner's order: a
 * fresh state per series, `step` told each op in turn (it returns the op's replacement steps, when
 * what came before revises it, and updates the state after), and `rule` judged again on each file
 * in scope with an op revised. What the series replays (not-null-columns.ts,
 * earlier-row-security.ts) share this walk.
 */
export function rejudgeSeries<S>(
  facts: MigFacts,
  findings: Finding[],
  rule: MigFileRule,
  relevant: (op: SchemaOp) => boolean,
  start: () => S,
  step: (op: SchemaOp, file: SeriesFile, state: S) => SchemaOp[] | undefined,
): void {
  for (const series of everySeriesFiles(facts)) {
    if (!series.some((f) => facts.inScope(f.path) && f.ops.some(relevant))) continue;
    const state = start();
    for (const file of series) {
      const revised = new Map<SchemaOp, SchemaOp[]>();
      for (const op of file.ops) {
        const steps = step(op, file, state);
        if (steps) revised.set(op, steps);
      }
      if (revised.size > 0 && facts.inScope(file.path))
        appendAll(findings, rejudgedFindings(rule, file, revised));
    }
  }
}
