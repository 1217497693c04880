import type { LockMode } from '../migrations/lock-facts.js';

type Obj = Record<string, unknown>;

/**
 * A lock PostgreSQL's documentation says a statement takes, for the statements `trace` cannot
 * observe: those that must run outside a transaction block (`CREATE INDEX CONCURRENTLY`,
 * `VACUUM`, `REINDEX … CONCURRENTLY`, …) release their locks when they end, before `pg_locks`
 * can be read, and the embedded server has no second session to watch them from. The report
 * keeps these apart from the observed `locks` and says where each comes from.
 */
export interface DocumentedLock {
  mode: LockMode;
  /** The table or index as the statement names it, or what it covers (`every table`). */
  relation: string;
  /** Where PostgreSQL says so. */
  source: string;
}

const EXPLICIT_LOCKING = 'PostgreSQL documentation, "Explicit Locking" (table-level lock modes)';

const rangeVarName = (v: unknown): string | undefined => {
  const r = v as Obj | undefined;
  if (typeof r?.relname !== 'string') return undefined;
  return typeof r.schemaname === 'string' && r.schemaname !== 'public'
    ? `${r.schemaname}.${r.relname}`
    : r.relname;
};

const hasOption = (list: unknown, name: string): boolean =>
  (list as Obj[] | undefined)?.some((o) => (o.DefElem as Obj | undefined)?.defname === name) === true;

const each = (names: (string | undefined)[], mode: LockMode, source: string): DocumentedLock[] =>
  names.filter((n): n is string => n !== undefined).map((relation) => ({ mode, relation, source }));

/**
 * The documented locks of a statement that runs outside a transaction block, from its parse tree
 * (libpg-query's JSON); undefined for one PostgreSQL documents no table lock for (CREATE
 * DATABASE) or that Slipway has no entry for.
 */
export function documentedLocks(kind: string, node: Obj): DocumentedLock[] | undefined {
  if (kind === 'IndexStmt' && node.concurrent === true)
    return each([rangeVarName(node.relation)], 'ShareUpdateExclusiveLock', EXPLICIT_LOCKING);
  if (kind === 'DropStmt' && node.concurrent === true && node.removeType === 'OBJECT_INDEX') {
    const names = (node.objects as Obj[] | undefined)?.map((o) =>
      (((o.List as Obj | undefined)?.items as Obj[] | undefined) ?? [])
        .map((i) => (i.String as Obj | undefined)?.sval)
        .filter((s) => s !== 'public')
        .join('.'),
    );
    return each(
      names ?? [],
      'ShareUpdateExclusiveLock',
      'PostgreSQL documentation, DROP INDEX: CONCURRENTLY does not lock out reads or writes of the table (the index and its table are held in SHARE UPDATE EXCLUSIVE)',
    );
  }
  if (kind === 'VacuumStmt') {
    const full = hasOption(node.options, 'full');
    const rels = (node.rels as Obj[] | undefined)?.map((r) =>
      rangeVarName((r.VacuumRelation as Obj | undefined)?.relation),
    );
    return each(
      rels && rels.length > 0 ? rels : ['every table of the database'],
      full ? 'AccessExclusiveLock' : 'ShareUpdateExclusiveLock',
      EXPLICIT_LOCKING,
    );
  }
  if (kind === 'ReindexStmt' && hasOption(node.params, 'concurrently')) {
    const target = rangeVarName(node.relation) ?? (typeof node.name === 'string' ? node.name : undefined);
    return each([target], 'ShareUpdateExclusiveLock', EXPLICIT_LOCKING);
  }
  if (kind === 'AlterTableStmt') {
    const detach = (node.cmds as Obj[] | undefined)
      ?.map((c) => ((c.AlterTableCmd as Obj | undefined)?.def as Obj | undefined)?.PartitionCmd as Obj)
      .find((p) => p?.concurrent === true);
    if (detach)
      return each(
        [rangeVarName(node.relation), rangeVarName(detach.name)],
        'ShareUpdateExclusiveLock',
        'PostgreSQL documentation, ALTER TABLE … DETACH PARTITION … CONCURRENTLY (the parent and the partition)',
      );
  }
  return undefined;
}
