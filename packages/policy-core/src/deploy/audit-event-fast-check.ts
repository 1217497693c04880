import { AUDIT_EVENTS, AUDIT_OUTCOMES, type AuditEvent } from './audit-event.js';
import { isIsoWithOffset } from './record-schema.js';

const EVENTS = new Set<string>(AUDIT_EVENTS);
const OUTCOMES = new Set<string>(AUDIT_OUTCOMES);
const KINDS = new Set(['human', 'agent', 'ci']);
const REQUIRED = ['v', 'time', 'event', 'environment', 'from', 'to', 'actor', 'outcome', 'prev'];
const ALLOWED = new Set([...REQUIRED, 'reason', 'pin', 'details']);

const isObject = (o: unknown): o is Record<string, unknown> =>
  typeof o === 'object' && o !== null && !Array.isArray(o);
/**
 * `/^[0-9a-f]{N}$/.test(s)` (SHA_PATTERN, HASH_PATTERN) as a loop: three of these per line were
 * a third of this check's time on a 10,000-line log.
 */
/** `s` is exactly `length` lowercase hex digits (a SHA as Slipway writes it). */
export function isLowerHex(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

const isSha = (v: unknown) => v === null || (typeof v === 'string' && isLowerHex(v, 40));

/**
 * The audit-event schema as straight-line code: zod's safeParse dominated verifying a
 * 10,000-entry log. It accepts exactly what `auditEventSchema` accepts (a test compares the two
 * on mutated events); on a `false`, callers run zod for the message.
 */
export function isAuditEvent(o: unknown): o is AuditEvent {
  if (!isObject(o)) return false;
  for (const k in o) if (!ALLOWED.has(k)) return false;
  for (const k of REQUIRED) if (!(k in o)) return false;
  if (o.v !== 1) return false;
  if (typeof o.time !== 'string' || !isIsoWithOffset(o.time)) return false;
  if (typeof o.event !== 'string' || !EVENTS.has(o.event)) return false;
  if (typeof o.environment !== 'string' || o.environment.length === 0) return false;
  if (!isSha(o.from) || !isSha(o.to)) return false;
  const a = o.actor;
  if (
    !isObject(a) ||
    typeof a.name !== 'string' ||
    a.name.length === 0 ||
    typeof a.kind !== 'string' ||
    !KINDS.has(a.kind)
  )
    return false;
  for (const k in a) if (k !== 'name' && k !== 'kind') return false;
  if (o.reason !== undefined && typeof o.reason !== 'string') return false;
  if (o.pin !== undefined && typeof o.pin !== 'boolean') return false;
  if (typeof o.outcome !== 'string' || !OUTCOMES.has(o.outcome)) return false;
  if (
    o.details !== undefined &&
    (!Array.isArray(o.details) || !o.details.every((d) => typeof d === 'string'))
  )
    return false;
  return typeof o.prev === 'string' && isLowerHex(o.prev, 64);
}
