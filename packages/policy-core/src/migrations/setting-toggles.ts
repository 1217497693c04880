import type { SchemaOp } from './schema-op.js';
import { asArr, asObj, type Obj } from './sql-node.js';

/**
 * What an `ALTER TABLE` (or `ALTER INDEX` / `ALTER MATERIALIZED VIEW`) subcommand switches away
 * from its default or back to it: a trigger disabled and enabled, a storage parameter `SET (p = v)`
 * and `RESET (p)`, a column's `SET (n_distinct = ...)` and `RESET (...)`, `SET STATISTICS n` and
 * `SET STATISTICS -1`, `SET UNLOGGED` and `SET LOGGED`. An upgrade whose first toggle of a setting
 * leaves it changed and whose last returns it to the default ends where an ordinary table starts
 * (undone-in-upgrade.ts), so it leaves downgrade() nothing to undo.
 */
export type Toggle = NonNullable<SchemaOp['toggles']>[number];

/** The relation an ALTER names, its kind and schema included: `table:s.t`, `index:.ix`. */
export function relationKey(objtype: unknown, schema: string | undefined, name: string | undefined): string {
  const kind = String(objtype)
    .replace(/^OBJECT_/, '')
    .toLowerCase();
  return `${kind}:${schema?.toLowerCase() ?? ''}.${name?.toLowerCase() ?? ''}`;
}

/** The storage parameters a `SET (a = 1, b = 2)` / `RESET (a, b)` names, case-folded. */
function optionNames(def: unknown): string[] {
  const out: string[] = [];
  for (const item of asArr(asObj(asObj(def)?.List)?.items)) {
    const name = asObj(asObj(item)?.DefElem)?.defname;
    if (typeof name === 'string') out.push(name.toLowerCase());
  }
  return out;
}

const TRIGGER = /^AT_(Enable|Disable)(Always|Replica)?Trig(All|User)?$/;

/**
 * The toggles one subcommand makes on the relation `rel` (relationKey); undefined for a
 * subcommand that is not one (it changes the schema for good, or leaves no default to return to).
 */
export function settingToggles(cmd: Obj | undefined, rel: string): Toggle[] | undefined {
  const subtype = String(cmd?.subtype);
  const column = typeof cmd?.name === 'string' ? cmd.name.toLowerCase() : undefined;
  const trigger = TRIGGER.exec(subtype);
  if (trigger) {
    // ALL and USER name every trigger (or every user trigger): one setting each, apart from a name.
    const name = trigger[3] ? trigger[3].toUpperCase() : column;
    if (name === undefined) return undefined;
    // Only a plain ENABLE is where a trigger starts; ALWAYS and REPLICA change when it fires.
    return [{ key: `${rel} trigger ${name}`, restores: trigger[1] === 'Enable' && !trigger[2] }];
  }
  const options = (prefix: string, restores: boolean) => {
    const names = optionNames(cmd?.def);
    return names.length > 0 ? names.map((n) => ({ key: `${prefix} option ${n}`, restores })) : undefined;
  };
  switch (subtype) {
    case 'AT_SetRelOptions':
      return options(rel, false);
    case 'AT_ResetRelOptions':
      return options(rel, true);
    case 'AT_SetOptions':
      return column === undefined ? undefined : options(`${rel} column ${column}`, false);
    case 'AT_ResetOptions':
      return column === undefined ? undefined : options(`${rel} column ${column}`, true);
    case 'AT_SetStatistics': {
      if (column === undefined) return undefined;
      // -1 is the default target (default_statistics_target): the way back.
      const target = asObj(asObj(cmd?.def)?.Integer)?.ival;
      return [{ key: `${rel} column ${column} statistics`, restores: target === -1 }];
    }
    case 'AT_SetUnLogged':
      return [{ key: `${rel} persistence`, restores: false }];
    case 'AT_SetLogged':
      return [{ key: `${rel} persistence`, restores: true }];
    default:
      return undefined;
  }
}

/**
 * `ALTER DATABASE d SET x = v` / `RESET x`, and `ALTER ROLE r [IN DATABASE d] SET` / `RESET`:
 * settings kept in the catalog for later sessions, switched and switched back like a table's
 * (a session's own `SET` and `RESET` change no schema at all). `RESET ALL` names no setting: it
 * is not taken as the way back of any one.
 */
export function catalogSettingToggles(kind: string, n: Obj): Toggle[] | undefined {
  const set = asObj(n.setstmt);
  const name = typeof set?.name === 'string' ? set.name.toLowerCase() : undefined;
  if (name === undefined || (set?.kind !== 'VAR_SET_VALUE' && set?.kind !== 'VAR_RESET')) return undefined;
  let owner: string;
  if (kind === 'AlterDatabaseSetStmt' && typeof n.dbname === 'string')
    owner = `database ${n.dbname.toLowerCase()}`;
  else if (kind === 'AlterRoleSetStmt') {
    const role = asObj(n.role)?.rolename;
    if (typeof role !== 'string') return undefined;
    owner = `role ${role.toLowerCase()} in ${typeof n.database === 'string' ? n.database.toLowerCase() : '*'}`;
  } else return undefined;
  return [{ key: `${owner} setting ${name}`, restores: set.kind === 'VAR_RESET' }];
}
