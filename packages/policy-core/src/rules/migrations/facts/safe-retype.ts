/**
 * The type changes the expand/contract fix offers: those whose assignment cast (what a trigger's
 * `NEW.c_new := NEW.c` and the backfill do, as ALTER COLUMN TYPE without USING would) takes every
 * value of the old type to the same value of the new one and cannot fail — a wider integer, an
 * exact numeric, a wider float, text from a character type, a longer varchar. A narrowing (its
 * trigger would fail writes that do not fit, where the migration alone would have failed at
 * deploy), a cast through text, or one that depends on the session (timestamp to timestamptz:
 * the trigger runs in the application's TimeZone, the backfill in the migration's) is not offered.
 * Types as sql-type-name.ts writes them.
 */
const WIDER: Record<string, readonly string[]> = {
  smallint: ['integer', 'bigint', 'numeric', 'real', 'double precision'],
  integer: ['bigint', 'numeric', 'double precision'],
  bigint: ['numeric'],
  real: ['double precision'],
};

const CHARACTER = /^(?:varchar|char)(?:\((\d+)\))?$/;

export function safeRetype(from: string, to: string): boolean {
  if (WIDER[from]?.includes(to)) return true;
  const old = CHARACTER.exec(from) ?? (from === 'text' ? ['text', undefined] : null);
  if (!old) return false;
  if (to === 'text') return true;
  const wider = /^varchar(?:\((\d+)\))?$/.exec(to);
  if (!wider || from.startsWith('char') || from === 'text') return false;
  // varchar(n) to varchar(m), m ≥ n, or to varchar with no limit.
  return wider[1] === undefined || (old[1] !== undefined && Number(wider[1]) >= Number(old[1]));
}
