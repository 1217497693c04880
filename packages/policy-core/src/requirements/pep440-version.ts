/**
 * PEP 440 versions: parse, normalise and compare. Used to decide whether a requirement's pin
 * and the lock's pin name the same release (`1.0` equals `1.0.0`, `1.0RC1` equals `1.0rc1`)
 * and to evaluate environment markers.
 */
export interface Version {
  epoch: number;
  release: number[];
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: (string | number)[];
}

// The canonical pattern from PEP 440 Appendix B (as packaging.version uses it).
const VERSION_RE =
  /^\s*v?(?:(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:(?:-(\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\d+)?))?(?:[-_.]?(dev)[-_.]?(\d+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

const PRE_NORMAL: Record<string, string> = {
  alpha: 'a',
  a: 'a',
  beta: 'b',
  b: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
  rc: 'rc',
};

export function parseVersion(text: string): Version | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const v: Version = { epoch: m[1] ? Number(m[1]) : 0, release: (m[2] as string).split('.').map(Number) };
  if (m[3]) v.pre = [PRE_NORMAL[m[3].toLowerCase()] as string, m[4] ? Number(m[4]) : 0];
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = m[7] ? Number(m[7]) : 0;
  if (m[8]) v.dev = m[9] ? Number(m[9]) : 0;
  if (m[10])
    v.local = m[10]
      .toLowerCase()
      .split(/[-_.]/)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return v;
}

/** The normalised string form (`1.0.0-RC1` → `1.0.0rc1`). */
export function formatVersion(v: Version): string {
  let s = (v.epoch ? `${v.epoch}!` : '') + v.release.join('.');
  if (v.pre) s += v.pre[0] + v.pre[1];
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  if (v.local) s += `+${v.local.join('.')}`;
  return s;
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmpNum(a[i] ?? 0, b[i] ?? 0);
    if (c) return c;
  }
  return 0;
}

const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** Sort key parts as in packaging's `_cmpkey`: dev-only releases sort before pre-releases. */
function preKey(v: Version): number[] {
  if (!v.pre && v.post === undefined && v.dev !== undefined) return [-Infinity];
  if (!v.pre) return [Infinity];
  return [PRE_RANK[v.pre[0]] as number, v.pre[1]];
}

function cmpArr(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = cmpNum(a[i] ?? -Infinity, b[i] ?? -Infinity);
    if (c) return c;
  }
  return 0;
}

function cmpLocal(a: Version['local'], b: Version['local']): number {
  if (!a && !b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') return 1;
    else if (typeof y === 'number') return -1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  return (
    cmpNum(a.epoch, b.epoch) ||
    cmpRelease(a.release, b.release) ||
    cmpArr(preKey(a), preKey(b)) ||
    cmpNum(a.post ?? -Infinity, b.post ?? -Infinity) ||
    cmpNum(a.dev ?? Infinity, b.dev ?? Infinity) ||
    cmpLocal(a.local, b.local)
  );
}

/** True when both strings are valid versions naming the same release, or are the same string. */
export function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return a.trim().toLowerCase() === b.trim().toLowerCase();
  return compareVersions(va, vb) === 0;
}
