import {
  candidateValues,
  evaluateMarker,
  type MarkerEnvironment,
  type MarkerList,
  markerLiterals,
} from './marker.js';
import { parseVersion } from './pep440-version.js';
import { type SpecifierLike, satisfiesAll } from './specifier-set.js';

/**
 * Whether a declared dependency can be needed anywhere its project's lock was resolved for:
 * uv and Poetry lock one universal resolution for the project's Python range (`requires-python`,
 * Poetry's `python`), narrowed by uv's `environments`. A requirement whose marker holds in none
 * of those places (`tomli; python_version < "3.11"` in a project that requires 3.11) is left out
 * of the lock, rightly.
 *
 * Decided by evaluating the marker on every combination of the values that matter: concrete
 * Python versions (every minor release, each version a constraint or marker names and its
 * neighbours) that the Python ranges allow, and for each other variable the literals compared
 * with and a value unlike any. True: some place needs it. False: none does. Undefined: not
 * decided (an `extra` marker, whose meaning depends on what asked for the extra; or too many
 * combinations), which a caller treats as "do not expect it", never as a finding.
 */
export interface Place {
  /** Python ranges that must all hold, each a list of alternatives of specifiers. */
  python: SpecifierLike[][][];
  /** uv's `environments`: the lock covers a place where any one holds (empty: everywhere). */
  environments: MarkerList[];
}

const MAX_COMBINATIONS = 4096;
const PYTHON_VARS = new Set(['python_version', 'python_full_version']);

export function markerPossible(marker: MarkerList | undefined, place: Place): boolean | undefined {
  const markers = marker ? [marker, ...place.environments] : place.environments;
  const vars = new Map<string, Set<string>>();
  for (const m of markers) markerLiterals(m, vars);
  if (vars.has('extra')) return undefined;
  const pythons = pythonCandidates(place.python, vars).filter((v) =>
    place.python.every((alternatives) => alternatives.some((specs) => satisfiesAll(v, specs) === true)),
  );
  if (pythons.length === 0) return false;
  const names = [...vars.keys()].filter((n) => !PYTHON_VARS.has(n));
  const values = names.map((n) => candidateValues(n, vars.get(n) as Set<string>));
  let total = pythons.length;
  for (const v of values) total *= v.length;
  if (total > MAX_COMBINATIONS) return undefined;
  const env: MarkerEnvironment = {};
  for (let n = 0; n < total; n++) {
    let k = n;
    const python = pythons[k % pythons.length] as string;
    k = Math.floor(k / pythons.length);
    env.python_full_version = python;
    env.python_version = python.split('.').slice(0, 2).join('.');
    names.forEach((name, i) => {
      const vs = values[i] as string[];
      env[name] = vs[k % vs.length] as string;
      k = Math.floor(k / vs.length);
    });
    if (marker && !evaluateMarker(marker, env)) continue;
    if (place.environments.length === 0 || place.environments.some((e) => evaluateMarker(e, env)))
      return true;
  }
  return false;
}

/**
 * Concrete Python versions to try: x.y.0 and a late patch of every minor release from 2.7 to
 * 3.40, and each version a range or marker names with its neighbours (3.8.1 brings 3.8.0 and
 * 3.8.2), so that every boundary is tried from both sides.
 */
function pythonCandidates(ranges: SpecifierLike[][][], vars: Map<string, Set<string>>): string[] {
  const out = new Set<string>(['2.7.0', '2.7.18', '4.0.0']);
  for (let minor = 0; minor <= 40; minor++) {
    out.add(`3.${minor}.0`);
    out.add(`3.${minor}.50`);
  }
  const named = [
    ...ranges.flat(2).map((s) => s.version.replace(/\.\*$/, '')),
    ...[...PYTHON_VARS].flatMap((n) => [...(vars.get(n) ?? [])].map((l) => l.replace(/\.\*$/, ''))),
  ];
  for (const text of named) {
    const v = parseVersion(text);
    if (!v) continue;
    const [major = 0, minor = 0, patch = 0] = v.release;
    for (const p of [patch - 1, patch, patch + 1]) if (p >= 0) out.add(`${major}.${minor}.${p}`);
  }
  return [...out];
}
