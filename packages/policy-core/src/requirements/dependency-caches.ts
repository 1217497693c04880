import type { Env } from './line-reader.js';
import type { LockEntry } from './lock-file.js';
import { reparseRequirementsFile } from './incremental-parse.js';
import { readTomlLockEntries, type TomlLockEntries } from './lock-file.js';
import type { Pep508Error, Pep508Requirement } from './pep508-parser.js';
import { type Pyproject, type PyprojectTool, readPyproject } from './pyproject.js';
import { parseRequirementsFile } from './requirements-file.js';
import { DepFile } from './dep-file.js';
import type { LockEntryList, LockRevision } from './lock-entries.js';
import type { MatchState } from './match-state.js';
import type { NpmManifest } from './npm/npm-manifest.js';
import type { NpmLock, NpmLockFormat } from './npm/npm-lock-model.js';
import type { PnpmWorkspace } from './npm/pnpm-workspace.js';
import { NpmFileCache } from './npm/npm-file-cache.js';
import { rememberBounded } from './remember-bounded.js';

/** How many entries each map keeps before it starts over: a repository has a handful of pairs. */
const LIMIT = 64;

/**
 * What the dependency rules keep of one repository from one check to the next, owned by its
 * Workspace: parsed files by path, reused while their text is unchanged (the editor re-checks on
 * each keystroke, and a 5,000-entry lock should be parsed once), parsed requirement lines by
 * text, and each pair's match state (see match-state.ts). Keyed by repository-relative paths, so
 * never shared between repositories: two of them may both have `requirements.txt`.
 */
export class DependencyCaches {
  private readonly files = new Map<string, DepFile>();
  private readonly lines = new Map<string, Pep508Requirement | Pep508Error>();
  private readonly tomlLocks = new Map<
    string,
    { text: string; format: string; file: DepFile; lock: TomlLockEntries }
  >();
  private readonly pyprojects = new Map<
    string,
    { text: string; tool: string; file: DepFile; pyproject: Pyproject }
  >();
  /**
   * npm-family files (package.json, locks, pnpm-workspace.yaml) by path: the workspace's one cache
   * of them (workspace-npm-files.ts), which the migration reading shares.
   */
  private readonly npmFiles: NpmFileCache;
  /** Match states by pair (mode, requirements, lock). */
  readonly matchStates = new Map<string, MatchState>();
  constructor(npmFiles: NpmFileCache = new NpmFileCache()) {
    this.npmFiles = npmFiles;
  }

  /** Each lock file's last entry list, by path: the next one is derived from it (lock-entries.ts). */
  private readonly lockEntryLists = new Map<string, LockEntryList>();
  /** Entry lists derived from the one before with every key in place, and what changed. */
  readonly lockRevisions = new WeakMap<LockEntry[], LockRevision>();

  /** The entry list last derived for the lock at `path`. */
  lockEntryList(path: string): LockEntryList | undefined {
    return this.lockEntryLists.get(path);
  }

  rememberLockEntries(list: LockEntryList): void {
    remember(this.lockEntryLists, list.file.path, list);
  }

  /** The text last parsed under `path` (a TOML lock's included), if any. */
  parsedText(path: string): string | undefined {
    return (
      this.files.get(path)?.text ??
      this.tomlLocks.get(path)?.text ??
      this.pyprojects.get(path)?.text ??
      this.npmFiles.parsedText(path)
    );
  }

  /** A requirements-style file, parsed again only where its text changed. */
  parse(path: string, text: string, env: Env): DepFile {
    const hit = this.files.get(path);
    if (hit && hit.text === text && !text.includes('${')) return hit;
    // An edited version of a file parsed before: re-read only the lines the edit touched (an
    // unchanged line text found in `lines` costs a lookup). A file read for the first time is
    // parsed without the cache: its lines are new, and caching 300,000 of them only filled the
    // heap with results that outlived the parse (a third of a big lock's check was spent
    // collecting them).
    const parsed = hit
      ? reparseRequirementsFile(hit.parsed, text, { env, cache: this.lines, consumePrevious: true })
      : parseRequirementsFile(path, text, { env });
    const file = new DepFile(path, text, parsed);
    remember(this.files, path, file);
    return file;
  }

  /** A TOML lock (uv.lock, poetry.lock), read again only when its text or the format asked for changes. */
  readTomlLock(path: string, text: string, format: 'uv' | 'poetry') {
    const hit = this.tomlLocks.get(path);
    if (hit && hit.text === text && hit.format === format) return hit;
    const file = new DepFile(path, text, {
      path,
      text,
      lines: [],
      requirements: [],
      includes: [],
      options: [],
      problems: [],
    });
    const read = { text, format, file, lock: readTomlLockEntries(path, text, format) };
    remember(this.tomlLocks, path, read);
    return read;
  }

  /**
   * A pyproject.toml's dependency declarations, read again only when its text or the tool whose
   * sections count changes. Its file holds the declarations as a requirements file's entries.
   */
  readPyproject(path: string, text: string, tool: PyprojectTool) {
    const hit = this.pyprojects.get(path);
    if (hit && hit.text === text && hit.tool === tool) return hit;
    const pyproject = readPyproject(text, tool);
    const file = new DepFile(path, text, {
      path,
      text,
      lines: [],
      requirements: pyproject.requirements,
      includes: [],
      options: [],
      problems: [],
    });
    const read = { text, tool, file, pyproject };
    remember(this.pyprojects, path, read);
    return read;
  }

  /** A package.json's declarations, read again only when its text changes. */
  readNpmManifest(path: string, text: string): { file: DepFile; manifest: NpmManifest } {
    return this.npmFiles.readNpmManifest(path, text);
  }

  /** A package-lock.json, pnpm-lock.yaml, yarn.lock or bun.lock, read again only when its text or format changes. */
  readNpmLock(path: string, text: string, format: NpmLockFormat): { file: DepFile; lock: NpmLock } {
    return this.npmFiles.readNpmLock(path, text, format);
  }

  /** pnpm-workspace.yaml's `packages` globs and catalogs. */
  readPnpmWorkspace(path: string, text: string): { file: DepFile; workspace: PnpmWorkspace } {
    return this.npmFiles.readPnpmWorkspace(path, text);
  }

  /** Remembers a pair's match state for the next check. */
  rememberMatch(id: string, state: MatchState): void {
    remember(this.matchStates, id, state);
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  rememberBounded(map, key, value, LIMIT);
}
