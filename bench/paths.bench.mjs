// Path matching: 200,000 repository paths against 30 policy patterns, Slipway's compiled
// gitignore matcher against picomatch's precompiled matchers on the same corpus in the same
// run. Target: time ratio ≤ 1.0 against the faster picomatch form, identical results.
// Build first: `node scripts/build.mjs` (or `npx tsc -p packages/policy-core/tsconfig.build.json`).
import picomatch from 'picomatch';
import { PathMatcher, parsePattern } from '../packages/policy-core/dist/paths/index.js';

const CORPUS_SIZE = 200_000;
const ROUNDS = 7;

// Protected paths and the agents' allow-list, plus what
// other teams' policies add (lock files, migrations, deploy record, update state, secrets).
const PATTERNS = [
  'backend/app/core/',
  'backend/app/security/',
  'backend/app/database/',
  'backend/app/services/payments*',
  'backend/app/guardian/',
  'backend/app/db/migrations/',
  'backend/app/core/**',
  'backend/app/services/payments**',
  '/docs/*.md',
  '/docs/reports/*.md',
  '/docs/archive/*.md',
  '/infrastructure/*.yml',
  '/infrastructure/*.json',
  '/infrastructure/scripts/*',
  '/backend/app/routers/',
  '/backend/app/services/',
  '/backend/app/api/deps.py',
  '*.lock',
  '.github/workflows/',
  '**/migrations/**/*.sql',
  'alembic/versions/',
  'config/*.toml',
  'bot_persistence/*/meta',
  'infrastructure/LAST_PROD_DEPLOY.json',
  '*.pem',
  '.env*',
  'frontend/src/**/auth*',
  'Dockerfile',
  'scripts/deploy/',
  'backend/requirements*.txt',
];

/** mulberry32: a small seeded PRNG, so every run measures the same corpus. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeCorpus(n, seed) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const roots = [
    ['backend', 'app', 'core'],
    ['backend', 'app', 'security'],
    ['backend', 'app', 'services'],
    ['backend', 'app', 'services', 'payments'],
    ['backend', 'app', 'routers'],
    ['backend', 'app', 'api'],
    ['backend', 'app', 'db', 'migrations'],
    ['backend', 'app', 'guardian'],
    ['backend', 'app', 'models'],
    ['backend', 'tests'],
    ['frontend', 'src', 'components'],
    ['frontend', 'src', 'pages'],
    ['frontend', 'node_modules'],
    ['docs'],
    ['docs', 'reports'],
    ['docs', 'archive'],
    ['infrastructure'],
    ['infrastructure', 'scripts'],
    ['.github', 'workflows'],
    ['alembic', 'versions'],
    ['config'],
    ['bot_persistence'],
    ['scripts', 'deploy'],
    ['packages', 'ui', 'src'],
    [],
  ];
  const dirs = [
    'lib',
    'utils',
    'auth',
    'v2',
    'internal',
    'payments_v2',
    'billing',
    'legacy',
    'de-DÉ',
    'with space',
    '.cache',
    'api',
    'models',
    'migrations',
  ];
  const stems = [
    'index',
    'main',
    'auth_flow',
    'payments',
    'README',
    'Dockerfile',
    '.env',
    'security',
    'deps',
    'schema',
    'meta',
    'requirements',
    'café',
    'report 2025',
    'LAST_PROD_DEPLOY',
  ];
  const exts = [
    '.py',
    '.ts',
    '.tsx',
    '.md',
    '.json',
    '.yml',
    '.sql',
    '.lock',
    '.pem',
    '.toml',
    '.txt',
    '',
    '.js',
    '.css',
  ];
  const out = [];
  for (let i = 0; i < n; i++) {
    const parts = [...pick(roots)];
    const extra = Math.floor(rnd() * rnd() * 6);
    for (let d = 0; d < extra; d++) parts.push(pick(dirs));
    const stem = pick(stems);
    parts.push(
      stem.startsWith('.') || stem === 'Dockerfile'
        ? stem
        : `${stem}${rnd() < 0.3 ? `_${i % 97}` : ''}${pick(exts)}`,
    );
    out.push(parts.join('/'));
  }
  return out;
}

/** The picomatch globs that mean what one gitignore pattern means (for sets without `!`). */
function picomatchGlobs(pattern) {
  const p = parsePattern(pattern);
  const base = p.anchored ? p.glob : `**/${p.glob}`;
  return p.dirOnly ? [`${base}/**`] : [base, `${base}/**`];
}

/** Best ns/path of each matcher; rounds interleave the matchers so that load drifts hit all alike. */
function timeAll(fns, corpus) {
  const best = fns.map(() => Number.POSITIVE_INFINITY);
  const hits = fns.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((fn, k) => {
      let n = 0;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < corpus.length; i++) if (fn(corpus[i])) n++;
      const ns = Number(process.hrtime.bigint() - t0);
      best[k] = Math.min(best[k], ns / corpus.length);
      hits[k] = n;
    });
  }
  return fns.map((_, k) => ({ nsPerPath: best[k], hits: hits[k] }));
}

const corpus = makeCorpus(CORPUS_SIZE, 0x5eed);
const ours = new PathMatcher(PATTERNS);
const globs = PATTERNS.flatMap(picomatchGlobs);
const picoArray = picomatch(globs, { dot: true });
const picoEach = globs.map((g) => picomatch(g, { dot: true }));
const picoPerPattern = (p) => picoEach.some((m) => m(p));
// One glob per pattern, as a picomatch user would write it: it does not cover subtrees the way
// gitignore does (so its results differ), but it is the fewest globs picomatch could get.
const picoOnePerPattern = picomatch(
  PATTERNS.map((pattern) => {
    const p = parsePattern(pattern);
    const base = p.anchored ? p.glob : `**/${p.glob}`;
    return p.dirOnly ? `${base}/**` : base;
  }),
  { dot: true },
);

let mismatches = 0;
const examples = [];
for (const p of corpus) {
  if (ours.matches(p) !== picoArray(p)) {
    mismatches++;
    if (examples.length < 5) examples.push(p);
  }
}

const [a, b, c, d, e] = timeAll(
  [(p) => ours.matches(p), picoArray, picoPerPattern, picoOnePerPattern, (p) => ours.explain(p).matched],
  corpus,
);
const reference = Math.min(b.nsPerPath, c.nsPerPath, d.nsPerPath);
const ratio = a.nsPerPath / reference;

const fmt = (x) => x.toFixed(0).padStart(6);
console.log(`paths: ${CORPUS_SIZE} paths x ${PATTERNS.length} patterns, best of ${ROUNDS} rounds`);
console.log('  ratio = slipway matches() / the fastest picomatch form');
console.log(`  slipway PathMatcher         ${fmt(a.nsPerPath)} ns/path  (${a.hits} matched)`);
console.log(`  picomatch array matcher     ${fmt(b.nsPerPath)} ns/path  (${b.hits} matched)`);
console.log(`  picomatch one per glob      ${fmt(c.nsPerPath)} ns/path  (${c.hits} matched)`);
console.log(
  `  picomatch 30 globs as typed ${fmt(d.nsPerPath)} ns/path  (${d.hits} matched; no subtree rule)`,
);
console.log(`  slipway explain() (info)    ${fmt(e.nsPerPath)} ns/path  (${e.hits} matched)`);
console.log(
  `  results differing from picomatch: ${mismatches}${examples.length ? ` e.g. ${examples.join(', ')}` : ''}`,
);
const pass = ratio <= 1.0 && mismatches === 0;
console.log(
  `path-match-ratio ${ratio.toFixed(2)} ratio (target <= 1.00, identical results) ${pass ? 'PASS' : 'FAIL'}`,
);

// Folded (protected paths and the policy surface: case-insensitive, Unicode NFC) against
// picomatch's own case-insensitive matcher on the same corpus, with the paths' case scrambled.
const scrambled = corpus.map((p, i) =>
  i % 3 === 0 ? p.toUpperCase() : i % 3 === 1 ? p.normalize('NFD') : p,
);
const folded = new PathMatcher(PATTERNS, { fold: true });
const picoNocase = picomatch(globs, { dot: true, nocase: true });
let foldMismatches = 0;
for (const p of scrambled) if (folded.matches(p) !== picoNocase(p.normalize('NFC'))) foldMismatches++;
const [f, g] = timeAll([(p) => folded.matches(p), picoNocase], scrambled);
const foldRatio = f.nsPerPath / g.nsPerPath;
console.log(`  slipway folded              ${fmt(f.nsPerPath)} ns/path  (${f.hits} matched)`);
console.log(`  picomatch nocase (no NFC)   ${fmt(g.nsPerPath)} ns/path  (${g.hits} matched)`);
console.log(`  folded results differing from picomatch nocase on NFC paths: ${foldMismatches}`);
const foldPass = foldRatio <= 1.0 && foldMismatches === 0;
console.log(
  `path-match-folded-ratio ${foldRatio.toFixed(2)} ratio (target <= 1.00, identical results) ${foldPass ? 'PASS' : 'FAIL'}`,
);
process.exitCode = pass && foldPass ? 0 : 1;
