import type { LayoutReader } from './layout-reader.js';
import { basename, dirnameSlash, joinRepoPath } from '../repo-paths.js';

/**
 * The folder a drizzle.config's `out:` names, read as drizzle-kit reads it: from the folder
 * drizzle-kit runs in, not the config's. drizzle-kit's drizzleConfigFromFile resolves `--config`
 * against the working directory and hands `out` on as written (default `drizzle`), and generate
 * and migrate join it to nothing else (drizzle-kit src/cli/commands/utils.ts). Its users run it
 * from a package.json script, so that script's package folder (npm, pnpm, yarn and bun run a
 * script there) is the working directory: the one whose `drizzle-kit … --config <path>` names
 * this config, or, with no `--config`, the one holding the config (drizzle-kit looks for
 * drizzle.config.{ts,js,json} in the working directory). No script names it: the nearest folder
 * at or above the config holding a package.json, where `npx`/`pnpm exec drizzle-kit --config …`
 * is typed (configs kept in src/db/ write `out: "./src/db/migrations"`, from the package root),
 * which for a config beside its package.json is the config's folder.
 */
export interface DrizzleOut {
  /** The folder, with its trailing slash; undefined when `out:` leaves the repository. */
  folder: string | undefined;
  /** `out:` as the config writes it. */
  out: string;
  /** Where drizzle-kit runs, with its trailing slash ('' at the root). */
  cwd: string;
  /** Why there, as a sentence says it: `where package.json "db:generate" runs it`. */
  why: string;
  /** The folder `out:` would name beside the config, when that is another one. */
  besideConfig?: string;
}

export function drizzleOut(
  config: string,
  text: string,
  files: readonly string[],
  reader: LayoutReader,
): DrizzleOut {
  const out = /\bout\s*:\s*["'`]([^"'`]+)["'`]/.exec(text)?.[1] ?? 'drizzle';
  const run = runningScript(config, files, reader);
  const pkg = run ? undefined : packageFolder(config, files);
  const cwd = run?.cwd ?? pkg ?? dirnameSlash(config);
  const why = run
    ? `where ${run.script} runs it`
    : pkg !== undefined
      ? 'the folder of its package.json, as no script names the config'
      : "the config's own folder, as no package.json is above it";
  const folder = folderOf(cwd, out);
  const beside = folderOf(dirnameSlash(config), out);
  return {
    folder,
    out,
    cwd,
    why,
    ...(beside !== undefined && beside !== folder ? { besideConfig: beside } : {}),
  };
}

/** The nearest folder at or above the config's that holds a package.json (outside node_modules). */
function packageFolder(config: string, files: readonly string[]): string | undefined {
  const manifests = new Set(
    files.filter((f) => basename(f) === 'package.json' && !f.includes('node_modules/')),
  );
  for (let dir = dirnameSlash(config); ; dir = dirnameSlash(dir.slice(0, -1))) {
    if (manifests.has(`${dir}package.json`)) return dir;
    if (dir === '') return undefined;
  }
}

/** `out` from `base`, with a trailing slash; undefined for a path outside the repository or absolute. */
function folderOf(base: string, out: string): string | undefined {
  if (out.startsWith('/')) return undefined;
  const path = joinRepoPath(base, out);
  return path === undefined ? undefined : path === '' ? '' : `${path}/`;
}

const DEFAULT_CONFIG = /^drizzle\.config\.(ts|js|json)$/;

/** The first package.json script that runs drizzle-kit on this config, and the folder it runs in. */
function runningScript(
  config: string,
  files: readonly string[],
  reader: LayoutReader,
): { cwd: string; script: string } | undefined {
  for (const pkg of files) {
    if (basename(pkg) !== 'package.json' || pkg.includes('node_modules/')) continue;
    const text = reader.readFile(pkg);
    if (!text?.includes('drizzle-kit')) continue;
    for (const [name, command] of Object.entries(scriptsOf(text))) {
      const cwd = drizzleKitCwd(command, dirnameSlash(pkg), config);
      if (cwd !== undefined) return { cwd, script: `${pkg} ${JSON.stringify(name)}` };
    }
  }
  return undefined;
}

function scriptsOf(text: string): Record<string, string> {
  try {
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    if (typeof scripts !== 'object' || scripts === null) return {};
    return Object.fromEntries(
      Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/**
 * Where a script's drizzle-kit runs when it reads `config`: each `&&`/`;` step in turn, a
 * `cd <dir>` moving the folder; undefined when no drizzle-kit step of it reads this config.
 */
function drizzleKitCwd(command: string, pkgDir: string, config: string): string | undefined {
  let cwd: string | undefined = pkgDir;
  for (const step of command.split(/&&|;/)) {
    const cd = /^\s*cd\s+(["']?)([^\s"']+)\1\s*$/.exec(step);
    if (cd) {
      const to = joinRepoPath(cwd ?? '', cd[2] as string);
      cwd = to === undefined ? undefined : to === '' ? '' : `${to}/`;
      continue;
    }
    if (cwd === undefined || !/\bdrizzle-kit\b/.test(step)) continue;
    const arg = /--config(?:=|\s+)(["']?)([^\s"']+)\1/.exec(step)?.[2];
    const reads =
      arg === undefined
        ? `${cwd}${DEFAULT_CONFIG.test(basename(config)) ? basename(config) : ''}`
        : joinRepoPath(cwd, arg);
    if (reads === config) return cwd;
  }
  return undefined;
}
