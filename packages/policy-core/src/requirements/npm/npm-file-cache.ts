import { DepFile } from '../dep-file.js';
import { rememberBounded } from '../remember-bounded.js';
import type { NpmLock, NpmLockFormat } from './npm-lock-model.js';
import { readNpmFamilyLock } from './npm-lock-entries.js';
import { readNpmManifest, type NpmManifest } from './npm-manifest.js';
import { type PnpmWorkspace, readPnpmWorkspace } from './pnpm-workspace.js';

/** One entry per workspace's package.json: a monorepo has hundreds. */
const LIMIT = 4096;

/**
 * npm-family files (package.json, locks, pnpm-workspace.yaml) of one repository, parsed once and
 * reused while their text is unchanged: the DEP rules read them (through DependencyCaches), and
 * so does the migration reading that asks which Prisma release a project installs
 * (prisma-version.ts), so a 5,000-package lock is parsed once for both. Its own module, apart
 * from the Python readers DependencyCaches brings: a migration check loads only these.
 */
export class NpmFileCache {
  private readonly files = new Map<string, { text: string; kind: string; file: DepFile; read: unknown }>();

  /** The text last parsed under `path`, if any. */
  parsedText(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /** A package.json's declarations, read again only when its text changes. */
  readNpmManifest(path: string, text: string): { file: DepFile; manifest: NpmManifest } {
    const { file, read } = this.read(path, text, 'manifest', readNpmManifest);
    return { file, manifest: read };
  }

  /** A package-lock.json, pnpm-lock.yaml, yarn.lock or bun.lock, read again only when its text or format changes. */
  readNpmLock(path: string, text: string, format: NpmLockFormat): { file: DepFile; lock: NpmLock } {
    const { file, read } = this.read(path, text, format, (t) => readNpmFamilyLock(t, format));
    return { file, lock: read };
  }

  /** pnpm-workspace.yaml's `packages` globs and catalogs. */
  readPnpmWorkspace(path: string, text: string): { file: DepFile; workspace: PnpmWorkspace } {
    const { file, read } = this.read(path, text, 'pnpm-workspace', readPnpmWorkspace);
    return { file, workspace: read };
  }

  private read<T>(
    path: string,
    text: string,
    kind: string,
    reader: (text: string) => T,
  ): { file: DepFile; read: T } {
    const hit = this.files.get(path);
    if (hit && hit.text === text && hit.kind === kind) return { file: hit.file, read: hit.read as T };
    const file = new DepFile(path, text, {
      path,
      text,
      lines: [],
      requirements: [],
      includes: [],
      options: [],
      problems: [],
    });
    const entry = { text, kind, file, read: reader(text) };
    rememberBounded(this.files, path, entry, LIMIT);
    return { file, read: entry.read };
  }
}
