import { normalizeName } from './pep503.js';
import { compareVersions, parseVersion } from './pep440-version.js';

/**
 * Environment markers, shaped like packaging's parsed marker list so that printing them gives
 * the same normal form (`str(Marker)`): a list of atoms joined by 'and' / 'or', where an atom is
 * a comparison or a parenthesised list.
 */
export interface MarkerVariable {
  kind: 'variable';
  value: string;
}
export interface MarkerValue {
  kind: 'value';
  value: string;
}
export type MarkerOperand = MarkerVariable | MarkerValue;
export interface MarkerItem {
  kind: 'item';
  left: MarkerOperand;
  op: string;
  right: MarkerOperand;
}
export type MarkerAtom = MarkerItem | MarkerList;
export type MarkerList = (MarkerAtom | 'and' | 'or')[];

function operand(o: MarkerOperand): string {
  return o.kind === 'variable' ? o.value : `"${o.value}"`;
}

/** packaging's `_format_marker`: single-item lists lose their parentheses. */
export function formatMarker(m: MarkerAtom | 'and' | 'or', first = true): string {
  if (typeof m === 'string') return m;
  if (!Array.isArray(m)) return `${operand(m.left)} ${m.op} ${operand(m.right)}`;
  if (m.length === 1 && typeof m[0] !== 'string') return formatMarker(m[0] as MarkerAtom);
  const inner = m.map((x) => formatMarker(x, false)).join(' ');
  return first ? inner : `(${inner})`;
}

/** packaging normalises the value compared with `extra` (PEP 685). */
export function normalizeExtraValues(list: MarkerList): MarkerList {
  return list.map((m) => {
    if (typeof m === 'string' || Array.isArray(m)) return m;
    if (m.left.kind === 'variable' && m.left.value === 'extra')
      return { ...m, right: { kind: 'value', value: normalizeName(m.right.value) } };
    if (m.right.kind === 'variable' && m.right.value === 'extra')
      return { ...m, left: { kind: 'value', value: normalizeName(m.left.value) } };
    return m;
  });
}

export type MarkerEnvironment = Record<string, string>;

const VERSION_VARS = new Set([
  'python_version',
  'python_full_version',
  'implementation_version',
  'platform_release',
]);

function compareOp(lhs: string, op: string, rhs: string, versionish: boolean): boolean {
  if (op === 'in') return rhs.includes(lhs);
  if (op === 'not in') return !rhs.includes(lhs);
  const a = versionish ? parseVersion(lhs) : undefined;
  const b = versionish ? parseVersion(rhs) : undefined;
  if (a && b) {
    const c = compareVersions(a, b);
    switch (op) {
      case '==':
      case '===':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      case '~=':
        return c >= 0 && compareVersions(a, { epoch: b.epoch, release: bump(b.release) }) < 0;
    }
  }
  if (op === '==' || op === '===') return lhs === rhs;
  if (op === '!=') return lhs !== rhs;
  return false;
}

function bump(release: number[]): number[] {
  const r = release.slice(0, Math.max(1, release.length - 1));
  r[r.length - 1] = (r[r.length - 1] as number) + 1;
  return r;
}

function item(m: MarkerItem, env: MarkerEnvironment): boolean {
  const varName =
    m.left.kind === 'variable' ? m.left.value : m.right.kind === 'variable' ? m.right.value : '';
  const val = (o: MarkerOperand) => (o.kind === 'variable' ? (env[o.value] ?? '') : o.value);
  let lhs = val(m.left);
  let rhs = val(m.right);
  if (varName === 'extra') {
    lhs = normalizeName(lhs);
    rhs = normalizeName(rhs);
  }
  return compareOp(lhs, m.op, rhs, VERSION_VARS.has(varName));
}

/** Evaluates with `and` binding tighter than `or`, as PEP 508 says. */
export function evaluateMarker(list: MarkerList, env: MarkerEnvironment): boolean {
  let anyOr = false;
  let conj = true;
  for (const m of list) {
    if (m === 'or') {
      anyOr ||= conj;
      conj = true;
    } else if (m !== 'and') conj &&= Array.isArray(m) ? evaluateMarker(m, env) : item(m, env);
  }
  return anyOr || conj;
}

/**
 * Every variable a marker compares, with the literals it is compared with.
 * @internal
 */
export function markerLiterals(list: MarkerList, out: Map<string, Set<string>>): void {
  for (const m of list) {
    if (typeof m === 'string') continue;
    if (Array.isArray(m)) {
      markerLiterals(m, out);
      continue;
    }
    const v = m.left.kind === 'variable' ? m.left : m.right.kind === 'variable' ? m.right : undefined;
    const lit = m.left.kind === 'value' ? m.left.value : m.right.kind === 'value' ? m.right.value : undefined;
    if (!v) continue;
    const set = out.get(v.value) ?? new Set<string>();
    out.set(v.value, set);
    if (lit !== undefined) set.add(lit);
  }
}

/**
 * Candidate values for a variable: each literal, a value just above it, and values outside all.
 * @internal
 */
export function candidateValues(name: string, literals: Set<string>): string[] {
  const out = new Set<string>(['', '\u0000none']);
  for (const l of literals) {
    out.add(l);
    if (VERSION_VARS.has(name) && parseVersion(l)) {
      out.add(`${l}.0.1`);
      out.add('0');
      out.add('9999');
    }
  }
  return [...out];
}

/**
 * True when no environment satisfies both markers, found by evaluating both on every
 * combination of the values that matter (each literal either marker compares with, a value
 * just above each version, and values unlike any). Gives up (false) past 4,096 combinations.
 */
export function markersDisjoint(a: MarkerList, b: MarkerList): boolean {
  const vars = new Map<string, Set<string>>();
  markerLiterals(a, vars);
  markerLiterals(b, vars);
  const names = [...vars.keys()];
  const values = names.map((n) => candidateValues(n, vars.get(n) as Set<string>));
  let total = 1;
  for (const v of values) total *= v.length;
  if (total > 4096) return false;
  const env: MarkerEnvironment = {};
  const idx = names.map(() => 0);
  for (let n = 0; n < total; n++) {
    let k = n;
    for (let i = 0; i < names.length; i++) {
      const vs = values[i] as string[];
      idx[i] = k % vs.length;
      k = Math.floor(k / vs.length);
      env[names[i] as string] = vs[idx[i] as number] as string;
    }
    if (evaluateMarker(a, env) && evaluateMarker(b, env)) return false;
  }
  return true;
}
