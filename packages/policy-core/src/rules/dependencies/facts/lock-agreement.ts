import type { LockEntry } from '../../../requirements/lock-file.js';
import { sameVersion } from '../../../requirements/pep440-version.js';
import { normalizeName } from '../../../requirements/pep503.js';
import { type Pin, pinOf } from '../../../requirements/pin.js';
import type { RequirementEntry } from '../../../requirements/requirements-file.js';

/**
 * The comparisons between a requirement and its lock entry, shared by the rules that report
 * them and by LockMatch, which skips requirements that agree with their lock entry on every one.
 */

/** Extras as PEP 685 compares them: normalised, as a set. */
export const extrasKey = (xs: string[]): string =>
  xs.length === 0
    ? ''
    : xs.length === 1
      ? normalizeName(xs[0] as string)
      : [...new Set(xs.map(normalizeName))].sort().join(',');

/** How a lock relates to its requirements (the pair's `mode`). */
export type LockMode = 'mirror' | 'superset';

/**
 * DEP011: the extras differ. A `superset` lock is a full resolution, where the extras' own
 * dependencies are pinned on lines of their own: pip-compile merges the extras every requester
 * asks for onto one line (`pydantic[email]` for `pydantic` in the input) and `--strip-extras`
 * writes none at all. There only a lock entry that lists extras but not a requested one differs.
 */
export function extrasDiffer(req: RequirementEntry, lock: LockEntry, mode: LockMode = 'mirror'): boolean {
  if (mode === 'mirror') return extrasKey(req.extras) !== extrasKey(lock.extras);
  if (lock.extras.length === 0) return false;
  const locked = new Set(lock.extras.map(normalizeName));
  return req.extras.some((x) => !locked.has(normalizeName(x)));
}

/** DEP011: the markers differ (both in packaging's normal form). */
export function markersDiffer(req: RequirementEntry, lock: LockEntry): boolean {
  return (req.markerText ?? '') !== (lock.markerText ?? '');
}

/** DEP004: a pinned requirement's version differs from a pinned lock entry's (PEP 440 equality). */
export function pinDiffers(pin: Pin, lock: LockEntry): boolean {
  return lock.version !== undefined && !sameVersion(pin.version, lock.version);
}

/**
 * True when none of the per-requirement rules can report this requirement: it is pinned
 * (DEP001), its lock entry exists (DEP003), is pinned to the same version (DEP004) and has the
 * same extras and marker (DEP011). A requirement that agrees stays agreeing while neither its
 * line nor the lock changes, which is what makes a re-check after a one-line edit cheap.
 */
export function agreesWithLock(
  req: RequirementEntry,
  lock: LockEntry | undefined,
  mode: LockMode = 'mirror',
): boolean {
  if (!lock || lock.version === undefined) return false;
  const pin = pinOf(req);
  if (!pin || pinDiffers(pin, lock)) return false;
  return !lock.req || (!extrasDiffer(req, lock, mode) && !markersDiffer(req, lock));
}
