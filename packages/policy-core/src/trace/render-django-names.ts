/**
 * The names Django gives the indexes and constraints it makes without being told one
 * (`BaseDatabaseSchemaEditor._create_index_name`): `<table>_<columns>_<hash><suffix>`, shortened
 * to PostgreSQL's 63 characters as Django shortens it. Django's hash is the first 8 hex digits
 * of an MD5 of the table and column names; policy-core runs in the editor too, without node's
 * crypto, so an FNV-1a hash of the same names stands in for it. The names differ from Django's
 * but are made the same way each time, so a later step (RemoveField of a foreign key,
 * AlterUniqueTogether removing a pair) drops the very constraint an earlier one made; the locks
 * a statement takes do not depend on the name.
 */

const MAX_NAME = 63;

/** FNV-1a (32 bits) over the names, as 8 hex digits: what stands for Django's MD5 digest. */
function digest(names: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const name of names)
    for (let i = 0; i < name.length; i++) {
      h ^= name.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  return h.toString(16).padStart(8, '0');
}

/** `_create_index_name(table, columns, suffix)`, with the stand-in hash. */
export function djangoIndexName(table: string, columns: readonly string[], suffix = ''): string {
  let hashPart = `${digest([table, ...columns])}${suffix}`;
  const full = `${table}_${columns.join('_')}_${hashPart}`;
  if (full.length <= MAX_NAME) return full;
  if (hashPart.length > MAX_NAME / 3) hashPart = hashPart.slice(0, Math.floor(MAX_NAME / 3));
  const other = Math.floor((MAX_NAME - hashPart.length) / 2) - 1;
  const name = `${table.slice(0, other)}_${columns.join('_').slice(0, other)}_${hashPart}`;
  return name.startsWith('_') || /^\d/.test(name) ? `D${name.slice(0, -1)}` : name;
}

/** A foreign key's name: the suffix names the table and column it references, as Django's does. */
export const djangoForeignKeyName = (
  table: string,
  column: string,
  toTable: string,
  toColumn: string,
): string => djangoIndexName(table, [column], `_fk_${toTable}_${toColumn}`);
