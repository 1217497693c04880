/**
 * Seeded generators for the git comparison: a tree of files and directories whose names are
 * chosen to hit the tricky parts of gitignore (near-miss names, dotfiles, spaces, non-ASCII,
 * names that are a directory in one place and a file in another), and random pattern sets.
 */

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIR_NAMES = [
  'backend',
  'app',
  'core',
  'security',
  'services',
  'servicesX',
  'payments',
  'paymentsx',
  'db',
  'migrations',
  'docs',
  'reports',
  'apps',
  'a',
  'b',
  'c',
  'x',
  'y',
  'abc',
  '.hidden',
  'with space',
  'café',
  'sub',
  '2024',
  'infrastructure',
  'scripts',
];

const FILE_NAMES = [
  'README.md',
  'a.md',
  'notes.txt',
  'x.py',
  'payments_v2.py',
  'payments',
  '.env',
  '.env.local',
  'Dockerfile',
  'file7.txt',
  'filex.txt',
  'q',
  '01_init.sql',
  'report.log',
  '#hash',
  '!bang',
  'trail ',
  'Überblick.md',
  'axxb',
  'b',
  'core',
  'deploy.yml',
  'state.json',
];

const SEED_ROOTS = [
  ['backend', 'app', 'core'],
  ['backend', 'app', 'security'],
  ['backend', 'app', 'services'],
  ['backend', 'app', 'servicesX'],
  ['backend', 'app', 'db', 'migrations'],
  ['docs'],
  ['docs', 'reports'],
  ['infrastructure'],
  ['infrastructure', 'scripts'],
];

export function generateTree(count: number, seed: number): { files: string[]; dirs: string[] } {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const files = new Set<string>();
  const dirs = new Set<string>();
  let attempts = 0;
  while (files.size < count && attempts++ < count * 20) {
    const depth = Math.floor(rnd() * 6);
    // A third of the paths start where real policies look, so that they get hit.
    const parts: string[] = rnd() < 0.35 ? [...pick(SEED_ROOTS)] : [];
    for (let d = 0; d < depth; d++) parts.push(pick(DIR_NAMES));
    parts.push(pick(FILE_NAMES));
    const prefixes = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    const path = parts.join('/');
    // A name cannot be a file and a directory at the same place.
    if (files.has(path) || dirs.has(path) || prefixes.some((p) => files.has(p))) continue;
    for (const p of prefixes) dirs.add(p);
    files.add(path);
  }
  return { files: [...files].sort(), dirs: [...dirs].sort() };
}

const SEGMENTS = [
  ...DIR_NAMES,
  'README.md',
  'a.md',
  'x.py',
  'payments',
  '.env',
  'Dockerfile',
  'q',
  'b',
  'core',
  '*',
  '*.md',
  'pay*',
  '*ments*',
  '?',
  '[a-c]*',
  'a*',
  '**',
  '.*',
  'file[0-9].txt',
  '*.sql',
  'servic?s',
];

/** 1–6 patterns without `!`, mixing anchored, unanchored, dir-only and `**` forms. */
export function generatePatternSet(seed: number): string[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const n = 1 + Math.floor(rnd() * 6);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const segs: string[] = [];
    const len = 1 + Math.floor(rnd() * 3);
    for (let s = 0; s < len; s++) segs.push(pick(SEGMENTS));
    let p = segs.join('/');
    const r = rnd();
    if (r < 0.2) p = `/${p}`;
    else if (r < 0.3) p = `**/${p}`;
    const t = rnd();
    if (t < 0.25) p = `${p}/`;
    else if (t < 0.35) p = `${p}/**`;
    out.push(p);
  }
  return out;
}
