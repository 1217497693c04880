import { closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { LastByText } from '../../last-by-text.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import type { SqlFileResults, SqlResultStore } from '../../migrations/sql-result-store.js';
import { writeFileAtomic } from '../atomic-write.js';
import { type CompactResults, decodeResults, encodeResults } from './compact-ranges.js';

// node:crypto is loaded when a cache is really read or written (a policy with migrations), not
// with this module, which every `slipway check` loads: loading it costs milliseconds.
const crypto = () => process.getBuiltinModule('node:crypto');

// 3: a step's kind says what it does and `lock` holds only its mode (no `lock.action`).
// 4: migration modules (Alembic, Django, the JS tools) are kept beside the .sql files' results.
const FORMAT = 'slipway-sql-results/4';
const FILE = 'sql-results.json';
/** Past this the file is not read, and a run that would write more writes nothing. */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

interface Entry extends CompactResults {
  /** sha256 of the file's text (UTF-16 code units as read, hashed as UTF-8). */
  sha: string;
}

/** A migration module as its reader made it (plain data, kept as it is). */
interface ModuleEntry {
  /** sha256 of the text it was asked under (the file's, and its reader's context). */
  sha: string;
  module: MigrationModule;
}

interface CacheFile {
  entries: Map<string, Entry>;
  modules: Map<string, ModuleEntry>;
  ignored?: string;
}

/**
 * The CLI's result cache of .sql migrations and migration modules (see SqlResultStore): one JSON file in the git
 * directory, `<mac>\n<body>`, where the MAC is HMAC-SHA256 of the body under a per-machine key
 * kept outside the repository (cache-key.ts). A file that fails the MAC, has another format or
 * was written for another context (Slipway build, the policy's `migrations` section) is ignored
 * and replaced: never trusted, since a forged entry could hide findings.
 *
 * The file holds exactly the entries this run used or computed, so it stays the size of the
 * repository's SQL migrations; it is written only when a run computed something new.
 */
export class SqlResultCache implements SqlResultStore {
  private readonly used = new Map<string, Entry>();
  private readonly usedModules = new Map<string, ModuleEntry>();
  private changed = false;
  /** Files answered from the cache, and files computed this run (--debug reports both). */
  readonly hits = new Set<string>();
  readonly computed = new Set<string>();
  /**
   * The file, read (and its MAC checked) when a result is first asked for or written: the agent
   * gate opens the cache for every call it judges, and most calls write no migration.
   */
  #read: CacheFile | undefined;
  #context: string | undefined;

  private constructor(
    private readonly dir: string,
    private readonly key: Buffer,
    private readonly rawContext: string,
  ) {}

  /**
   * Opens the cache in `dir` for results that depend on `context` (everything besides a file's
   * text that its results depend on: the build that computed them, the policy section).
   */
  static open(dir: string, key: Buffer, context: string): SqlResultCache {
    return new SqlResultCache(dir, key, context);
  }

  private get read(): CacheFile {
    this.#read ??= readCache(join(this.dir, FILE), this.key, this.context);
    return this.#read;
  }

  private get loaded(): Map<string, Entry> {
    return this.read.entries;
  }

  private get context(): string {
    this.#context ??= sha256(this.rawContext);
    return this.#context;
  }

  /** Why the file on disk was not used (tests and --debug say it). */
  get ignored(): string | undefined {
    return this.read.ignored;
  }

  /** Decoded hits, by path: the analyzer and the parser check both ask for the same file. */
  private readonly decoded = new LastByText<SqlFileResults>();
  /** The last text hashed per path and its hash: the same string is not hashed twice. */
  private readonly hashed = new LastByText<string>();

  private sha(path: string, text: string): string {
    return this.hashed.get(path, text, sha256);
  }

  get(path: string, text: string): SqlFileResults | undefined {
    const done = this.decoded.peek(path, text);
    if (done) return done;
    const entry = this.used.get(path) ?? this.loaded.get(path);
    if (!entry || entry.sha !== this.sha(path, text)) return undefined;
    const results = decodeResults(entry);
    if (!results) return undefined;
    this.used.set(path, entry);
    this.hits.add(path);
    this.decoded.set(path, text, results);
    return results;
  }

  put(path: string, text: string, results: SqlFileResults): void {
    this.decoded.delete(path);
    this.used.set(path, { sha: this.sha(path, text), ...encodeResults(results) });
    this.computed.add(path);
    this.changed = true;
  }

  getModule(key: string, text: string): MigrationModule | undefined {
    const entry = this.usedModules.get(key) ?? this.read.modules.get(key);
    if (!entry || entry.sha !== this.sha(key, text)) return undefined;
    this.usedModules.set(key, entry);
    this.hits.add(key);
    return entry.module;
  }

  putModule(key: string, text: string, module: MigrationModule): void {
    this.usedModules.set(key, { sha: this.sha(key, text), module });
    this.computed.add(key);
    this.changed = true;
  }

  /** Writes the entries this run used, atomically, when it computed any; errors are the caller's. */
  save(): boolean {
    if (!this.changed) return false;
    const entries: Record<string, Entry> = {};
    for (const [path, entry] of this.used) entries[path] = entry;
    const modules: Record<string, ModuleEntry> = {};
    for (const [key, entry] of this.usedModules) modules[key] = entry;
    const body = JSON.stringify({ format: FORMAT, context: this.context, entries, modules });
    if (body.length > MAX_CACHE_BYTES) return false;
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(join(this.dir, FILE), `${mac(this.key, body)}\n${body}`);
    this.changed = false;
    return true;
  }
}

function sha256(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

function mac(key: Buffer, body: string): string {
  return crypto().createHmac('sha256', key).update(body).digest('hex');
}

/** The entries of a valid cache file; anything else is an empty cache and the reason. */
function readCache(file: string, key: Buffer, context: string): CacheFile {
  const none = (ignored?: string): CacheFile => ({
    entries: new Map(),
    modules: new Map(),
    ...(ignored ? { ignored } : {}),
  });
  const raw = readSmallFile(file);
  if (raw === undefined) return none();
  if (raw === 'too large') return none('larger than the limit');
  const nl = raw.indexOf('\n');
  const body = raw.slice(nl + 1);
  const given = Buffer.from(raw.slice(0, Math.max(nl, 0)), 'utf8');
  const expected = Buffer.from(mac(key, body), 'utf8');
  if (nl !== 64 || !crypto().timingSafeEqual(given, expected))
    return none('its MAC does not match (not written here)');
  let parsed: { format?: unknown; context?: unknown; entries?: unknown; modules?: unknown };
  try {
    parsed = JSON.parse(body);
  } catch {
    return none('not JSON');
  }
  if (parsed.format !== FORMAT) return none('another format');
  if (parsed.context !== context) return none('written for another build or policy');
  const entries = new Map<string, Entry>();
  if (parsed.entries && typeof parsed.entries === 'object')
    for (const [path, entry] of Object.entries(parsed.entries as Record<string, Entry>))
      if (typeof entry?.sha === 'string') entries.set(path, entry);
  const modules = new Map<string, ModuleEntry>();
  if (parsed.modules && typeof parsed.modules === 'object')
    for (const [k, entry] of Object.entries(parsed.modules as Record<string, ModuleEntry>))
      if (typeof entry?.sha === 'string' && entry.module && typeof entry.module === 'object')
        modules.set(k, entry);
  return { entries, modules };
}

/** The file's text when it is a regular file under the limit (a link is harmless: the MAC decides). */
function readSmallFile(file: string): string | 'too large' | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > MAX_CACHE_BYTES + 65) return 'too large';
    const buf = Buffer.allocUnsafe(st.size);
    let len = 0;
    while (len < st.size) {
      const n = readSync(fd, buf, len, st.size - len, null);
      if (n === 0) break;
      len += n;
    }
    return buf.toString('utf8', 0, len);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
