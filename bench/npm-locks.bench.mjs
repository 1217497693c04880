// npm-family locks (issue 51): a lock of 5,000 packages read ≤ 150 ms (median of 7), for
//  1. package-lock.json (lockfileVersion 3: a root and 20 workspace importers, 5,000 packages
//     under node_modules/, some nested), and
//  2. pnpm-lock.yaml (lockfile v9: the same importers and packages, with snapshots);
//  3. and the DEP family's whole check of that npm workspace (21 package.json files), for scale.
// Build first: `node scripts/build.mjs --core`.
import {
  MemoryRepo,
  parsePolicyText,
  readPackageLock,
  readPnpmLock,
} from '../packages/policy-core/dist/index.js';
import { dependencyFamily } from '../packages/policy-core/dist/rules/families.js';

const PACKAGES = 5000;
const WORKSPACES = 20;
const ROUNDS = 7;

let seed = 7;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const int = (n) => Math.floor(rnd() * n);
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');

const names = [];
while (names.length < PACKAGES) {
  const n = `${rnd() < 0.2 ? `@scope${int(50)}/` : ''}pkg-${names.length}-${hex(4)}`;
  names.push(n);
}
const version = () => `${int(20)}.${int(20)}.${int(20)}`;
const versions = names.map(version);

// Each workspace declares 30 of the packages; the root 20.
const declared = (k) =>
  Object.fromEntries(
    Array.from({ length: k }, () => int(PACKAGES)).map((i) => [names[i], `^${versions[i]}`]),
  );
const manifests = { '': { name: 'root', workspaces: ['packages/*'], devDependencies: declared(20) } };
for (let w = 0; w < WORKSPACES; w++)
  manifests[`packages/w${w}`] = { name: `w${w}`, version: '1.0.0', dependencies: declared(30) };

// package-lock.json v3
const packages = {};
for (const [dir, m] of Object.entries(manifests)) packages[dir] = m;
names.forEach((n, i) => {
  packages[`node_modules/${n}`] = {
    version: versions[i],
    resolved: `https://registry.npmjs.org/${n}/-/${n.split('/').pop()}-${versions[i]}.tgz`,
    integrity: `sha512-${hex(86)}==`,
    ...(rnd() < 0.02 ? { hasInstallScript: true } : {}),
    dependencies: Object.fromEntries(
      Array.from({ length: int(4) }, () => int(PACKAGES)).map((j) => [names[j], `^${versions[j]}`]),
    ),
  };
});
// Some nested copies, as npm writes for conflicting ranges.
for (let k = 0; k < 200; k++)
  packages[`node_modules/${names[int(PACKAGES)]}/node_modules/${names[int(PACKAGES)]}`] = {
    version: version(),
  };
const npmLock = JSON.stringify({ name: 'root', lockfileVersion: 3, requires: true, packages }, null, 2);

// pnpm-lock.yaml v9
const q = (n) => (n.startsWith('@') ? `'${n}'` : n);
let pnpm =
  "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n";
for (const [dir, m] of Object.entries(manifests)) {
  pnpm += `\n  ${dir === '' ? '.' : dir}:\n`;
  for (const section of ['dependencies', 'devDependencies']) {
    if (!m[section]) continue;
    pnpm += `    ${section}:\n`;
    for (const [n, spec] of Object.entries(m[section]))
      pnpm += `      ${q(n)}:\n        specifier: ${spec}\n        version: ${spec.slice(1)}\n`;
  }
}
pnpm += '\npackages:\n';
names.forEach((n, i) => {
  pnpm += `\n  ${q(`${n}@${versions[i]}`)}:\n    resolution: {integrity: sha512-${hex(86)}==}\n    engines: {node: '>=18'}\n`;
});
pnpm += '\nsnapshots:\n';
names.forEach((n, i) => {
  pnpm += `\n  ${q(`${n}@${versions[i]}`)}:\n    dependencies:\n      ${q(names[(i + 1) % PACKAGES])}: ${versions[(i + 1) % PACKAGES]}\n`;
});

function median(fn) {
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    globalThis.gc?.();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[ROUNDS >> 1];
}

const mb = (s) => `${(s.length / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ms, max) => (ms <= max ? 'PASS' : 'FAIL');

const npmMs = median(() => {
  const lock = readPackageLock(npmLock);
  if (lock.error || lock.packages.length < PACKAGES) throw new Error('npm lock not read');
});
console.log(
  `package-lock.json, ${PACKAGES} packages (${mb(npmLock)}): read in ${npmMs.toFixed(1)} ms (target ≤ 150) ${verdict(npmMs, 150)}`,
);

const pnpmMs = median(() => {
  const lock = readPnpmLock(pnpm);
  if (lock.error || lock.packages.length < PACKAGES)
    throw new Error(`pnpm lock not read: ${lock.error?.message}`);
});
console.log(
  `pnpm-lock.yaml, ${PACKAGES} packages (${mb(pnpm)}): read in ${pnpmMs.toFixed(1)} ms (target ≤ 150) ${verdict(pnpmMs, 150)}`,
);

const files = { 'package-lock.json': npmLock };
for (const [dir, m] of Object.entries(manifests))
  files[dir === '' ? 'package.json' : `${dir}/package.json`] = JSON.stringify(m, null, 2);
const policyText = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: package-lock.json\n';
const policy = parsePolicyText(policyText, 'slipway.yaml').document;
const repo = new MemoryRepo({ 'slipway.yaml': policyText, ...files });
let found = -1;
const checkMs = median(() => {
  found = dependencyFamily.check({ policy, repo, now: new Date(), env: {} }).findings.length;
});
console.log(
  `DEP check of that npm workspace (${WORKSPACES + 1} package.json, lock read each time): ${checkMs.toFixed(1)} ms, ${found} findings (target: 0 findings, ≤ 300 ms) ${found === 0 ? verdict(checkMs, 300) : 'FAIL'}`,
);
