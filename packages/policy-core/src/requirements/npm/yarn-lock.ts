import semver from 'semver';
import { LIMITS } from '../../limits.js';
import { loadBoundedYaml } from '../../policy/bounded-yaml.js';
import { LineIndex } from '../../text-position.js';
import { emptyLock, type NpmLock, type NpmLockImporter, type NpmLockPackage } from './npm-lock-model.js';
import { readPnpmLockLines } from './pnpm-lock-lines.js';
import { readYarnV1Lines } from './yarn-lock-v1.js';

type Map_ = Record<string, unknown>;
const isMap = (v: unknown): v is Map_ => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `@scope/x@^1` → `@scope/x`; `x@npm:y@^1` → `x` (the name a pattern or locator installs under). */
export function yarnPatternName(pattern: string): string {
  const at = pattern.indexOf('@', 1);
  return at === -1 ? pattern : pattern.slice(0, at);
}

/**
 * Reads a yarn.lock, classic (v1) or Berry (Yarn 2 and later, whose lock is YAML with a
 * `__metadata` entry). Yarn keeps no importer entries in v1: what each package.json declared is
 * matched by its `name@specifier` patterns (`descriptors`). Berry records each workspace as an
 * entry `name@workspace:<dir>` whose dependencies copy its manifest's: those are the importers.
 */
export function readYarnLock(text: string): NpmLock {
  return /^__metadata:/m.test(text) ? readBerry(text) : readClassic(text);
}

function readClassic(text: string): NpmLock {
  const read = readYarnV1Lines(text);
  if ('error' in read) return emptyLock('yarn', read.error.message, read.error.offset);
  const lock: NpmLock = {
    format: 'yarn',
    yarn: 'classic',
    importers: new Map(),
    packages: [],
    descriptors: new Map(),
  };
  for (const { patterns, fields } of read.entries) {
    const pkg: NpmLockPackage = { name: yarnPatternName(patterns[0] as string), installScript: false };
    if (typeof fields.version === 'string') pkg.version = fields.version;
    if (typeof fields.resolved === 'string') {
      pkg.resolved = fields.resolved;
      pkg.sourceText = JSON.stringify(fields.resolved);
    }
    lock.packages.push(pkg);
    for (const p of patterns) lock.descriptors?.set(p, pkg);
  }
  return lock;
}

/**
 * Berry's lock: the YAML subset pnpm's line reader takes (after yarn's two-line comment header,
 * which YAML ignores too), else the YAML reader every Slipway YAML goes through.
 */
function readBerry(text: string): NpmLock {
  const header = text.match(/^(?:#[^\n]*\n)*/)?.[0] ?? '';
  let data: unknown = readPnpmLockLines(
    '\n'.repeat(header.split('\n').length - 1) + text.slice(header.length),
  );
  if (data === undefined) {
    const index = new LineIndex(text);
    const read = loadBoundedYaml(text, index, LIMITS.policy.yamlAliases);
    if ('problems' in read) {
      const p = read.problems[0];
      return emptyLock('yarn', p?.message ?? 'invalid YAML', p ? index.offset(p.range.start) : 0);
    }
    data = read.value;
  }
  if (!isMap(data)) return emptyLock('yarn', 'expected a YAML mapping', 0);
  const lock: NpmLock = {
    format: 'yarn',
    yarn: 'berry',
    importers: new Map(),
    packages: [],
    descriptors: new Map(),
  };
  for (const [key, entry] of Object.entries(data)) {
    if (key === '__metadata' || !isMap(entry)) continue;
    const resolution = typeof entry.resolution === 'string' ? entry.resolution : undefined;
    const pkg: NpmLockPackage = { name: yarnPatternName(resolution ?? key), installScript: false };
    if (entry.version !== undefined && entry.version !== null) pkg.version = String(entry.version);
    const source = resolution && berrySource(resolution.slice(pkg.name.length + 1));
    if (source) {
      pkg.resolved = source;
      pkg.sourceText = resolution;
    }
    lock.packages.push(pkg);
    for (const d of key.split(',')) lock.descriptors?.set(withoutLocator(d.trim()), pkg);
    const ws = resolution?.slice(pkg.name.length + 1);
    if (ws?.startsWith('workspace:')) {
      const dir = ws.slice('workspace:'.length);
      const importer = berryImporter(dir, entry);
      lock.importers.set(importer.path, importer);
    }
  }
  return lock;
}

/** `x@link:../x::locator=app%40workspace%3A.`: the descriptor without the workspace it is relative to. */
function withoutLocator(descriptor: string): string {
  const i = descriptor.indexOf('::locator=');
  return i === -1 ? descriptor : descriptor.slice(0, i);
}

/**
 * Where Berry fetches a resolution's package from, when the lock says (the registry of an `npm:`
 * resolution is .yarnrc.yml's, not written in the lock): a git or tarball URL, an `npm:` package
 * fetched from another archive (`::__archiveUrl=`), a patch's base. Local ones (workspace, link,
 * portal, file) fetch nothing: undefined.
 */
function berrySource(range: string): string | undefined {
  if (range.startsWith('npm:')) {
    const m = range.match(/::__archiveUrl=([^&]+)/);
    return m ? safeDecode(m[1] as string) : undefined;
  }
  if (range.startsWith('patch:')) {
    const base = safeDecode(range.slice('patch:'.length).split('#')[0] as string);
    return berrySource(base.slice(yarnPatternName(base).length + 1));
  }
  if (/^(workspace|link|portal|file):/.test(range)) return undefined;
  return range;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A Berry workspace entry: the manifest's dependencies as the lock recorded them (`npm:^1` for `^1`). */
function berryImporter(dir: string, entry: Map_): NpmLockImporter {
  const importer: NpmLockImporter = { path: dir === '.' ? '' : dir.replace(/^\.\//, ''), deps: new Map() };
  for (const section of ['dependencies', 'peerDependencies'] as const) {
    const deps = entry[section];
    if (!isMap(deps)) continue;
    for (const [name, raw] of Object.entries(deps)) {
      if (typeof raw !== 'string' || importer.deps.has(name)) continue;
      importer.deps.set(name, { spec: berryToManifestSpec(raw), section });
    }
  }
  return importer;
}

/** `npm:^1.2.0` → `^1.2.0` (Berry prefixes a plain range); an alias `npm:real@^1` and other protocols stay. */
export function berryToManifestSpec(range: string): string {
  if (!range.startsWith('npm:')) return range;
  const rest = range.slice(4);
  return rest.indexOf('@', 1) === -1 ? rest : range;
}

/** The descriptor Berry writes for a manifest's `name: spec` (a plain range or tag gains `npm:`). */
export function berryDescriptor(name: string, spec: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(spec) || spec.includes('/') ? `${name}@${spec}` : `${name}@npm:${spec}`;
}

/** Berry's TAG_REGEXP (yarnpkg-core's structUtils): a dist-tag such as `latest` or `next`. */
const BERRY_TAG = /^(?!v)[a-z0-9._-]+$/i;

/**
 * Every key a Berry lock may hold a manifest's `name: spec` under, berryDescriptor's first. Berry
 * reads a lock's keys as written (Project.setupResolutions: `structUtils.parseDescriptor(entry)`
 * on each key) and keys a tag by Configuration.normalizeDependency's `npm:latest` today; locks
 * older Berry wrote spell the tag bare (medusa's www/yarn.lock: `turbo@latest:` beside
 * `next@npm:latest`, its workspace entry `turbo: latest`), so a tag is looked up both ways.
 */
export function berryDescriptors(name: string, spec: string): string[] {
  const first = berryDescriptor(name, spec);
  return BERRY_TAG.test(spec) && semver.validRange(spec) === null ? [first, `${name}@${spec}`] : [first];
}
