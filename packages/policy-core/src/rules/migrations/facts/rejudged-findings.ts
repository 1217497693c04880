import type { Finding } from '../../../finding.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { MigFileRule, MigrationFile } from './mig-facts.js';
import type { SeriesFile } from './series-forward-files.js';

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
