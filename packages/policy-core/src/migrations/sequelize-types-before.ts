import type { MigrationModule } from './alembic-module.js';
import type { SchemaOp } from './schema-op.js';
import { changesWithoutRewrite, type SqlType } from './sqlalchemy-type.js';

/**
 * A Sequelize series (its modules in the order sequelize-cli runs them) with each changeColumn
 * told the column's type before it: replayed from the `up` of the migrations before (createTable
 * and addColumn set a column's type, changeColumn changes it, renameColumn and renameTable move
 * it, removeColumn and dropTable forget it). Sequelize's changeColumn always sends `ALTER COLUMN c
 * TYPE <type>`, so one that keeps the type (only allowNull or defaultValue changed: outline/outline)
 * or widens it as PostgreSQL does without a rewrite (ALTER TABLE's notes: no rewrite when the old
 * type is binary coercible to the new one, https://www.postgresql.org/docs/current/sql-altertable.html;
 * changesWithoutRewrite) is marked `inPlace` (MIG024 does not fire);
 * where the type before is not known, `typeBefore` says why. Returns new module and op objects:
 * the modules are cached by their text, and the answer depends on the files before them.
 */
export function withSequelizeTypesBefore(modules: readonly MigrationModule[]): MigrationModule[] {
  const types = new Map<string, SqlType | undefined>();
  const known = new Set<string>();
  /** Why a known column's type is not judged (Sequelize.FLOAT: 6 and 7 differ). */
  const notJudged = new Map<string, string>();
  const key = (op: SchemaOp, column: string | undefined) =>
    `${op.schema ?? ''}.${op.table}\u0000${column ?? ''}`;
  const set = (k: string, type: SqlType | undefined, why?: string) => {
    known.add(k);
    types.set(k, type);
    if (why) notJudged.set(k, why);
    else notJudged.delete(k);
  };
  const forget = (prefix: string) => {
    for (const k of [...known]) if (k.startsWith(prefix)) known.delete(k);
  };
  return modules.map((m) => {
    const up = m.upgrade;
    if (!m.isMigration || !up) return m;
    const ops = up.ops.map((op) => {
      if (op.back || op.table === undefined) return op;
      const k = key(op, op.column);
      switch (op.kind) {
        case 'create_table':
          forget(key(op, ''));
          for (const [column, type, why] of op.declaredTypes ?? [])
            set(key(op, column), type ?? undefined, why);
          return op;
        case 'add_column':
          set(k, op.declaredType, op.declaredTypeNotJudged);
          return op;
        case 'alter_column_type': {
          const wasKnown = known.has(k);
          const before = wasKnown ? types.get(k) : undefined;
          const beforeNotJudged = notJudged.get(k);
          const after = op.declaredType;
          set(k, after, op.declaredTypeNotJudged);
          if (before && after)
            return { ...op, typeBefore: { type: before }, inPlace: changesWithoutRewrite(before, after) };
          return {
            ...op,
            typeBefore: {
              unknown: !wasKnown
                ? 'no createTable or addColumn of it before, in this folder, that Slipway could read'
                : !before
                  ? (beforeNotJudged ?? 'its type where it was made is not a plain Sequelize type')
                  : (op.declaredTypeNotJudged ?? 'the new type is not a plain Sequelize type'),
            },
          };
        }
        case 'rename_column':
          if (op.newName !== undefined && known.has(k))
            set(key(op, op.newName), types.get(k), notJudged.get(k));
          known.delete(k);
          return op;
        case 'drop_column':
          known.delete(k);
          return op;
        case 'drop_table':
          forget(key(op, ''));
          return op;
        case 'rename_table': {
          const from = key(op, '');
          const to = op.newName === undefined ? undefined : key({ ...op, table: op.newName }, '');
          for (const k2 of [...known].filter((x) => x.startsWith(from))) {
            if (to !== undefined) set(to + k2.slice(from.length), types.get(k2), notJudged.get(k2));
            known.delete(k2);
          }
          return op;
        }
        default:
          return op;
      }
    });
    return ops.every((op, i) => op === up.ops[i]) ? m : { ...m, upgrade: { ...up, ops } };
  });
}
