import { RULE_IDS } from '../rule-ids.generated.js';
import { readPnpmLock } from '../requirements/npm/pnpm-lock.js';
import { basename, dirnameSlash } from '../repo-paths.js';
import type { DetectedPair } from './detected-pair.js';
import type { LayoutReader } from './layout-reader.js';

/** The JS locks Slipway reads, by file name, and the layout each pair is. */
const JS_LOCKS: Record<string, DetectedPair['layout']> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'bun.lock': 'bun',
};

/**
 * npm, pnpm, Yarn and Bun projects: one pair per lock (a workspace root), its package.json the
 * requirements; the workspaces' package.json files come with it (the lock's importers,
 * `workspaces`, pnpm-workspace.yaml), so a monorepo of 200 packages is one line. npm reads
 * npm-shrinkwrap.json before package-lock.json when both exist, and so does the pairing. Bun's
 * binary bun.lockb is not read: named in a decision (Bun reads bun.lock first when both exist).
 * Two tools' locks beside one package.json pair it once (oneLockEach): else every finding on it
 * came twice, once per lock.
 */
export function detectNpm(
  present: Set<string>,
  reader: LayoutReader,
  pairs: DetectedPair[],
  decisions: string[],
): void {
  const locks = [...present].filter(
    (f) => Object.hasOwn(JS_LOCKS, basename(f)) || basename(f) === 'bun.lockb',
  );
  const pairable = locks.filter((lock) => {
    const dir = dirnameSlash(lock);
    const base = basename(lock);
    if (base === 'bun.lockb' || !present.has(`${dir}package.json`)) return false;
    return !(base === 'package-lock.json' && present.has(`${dir}npm-shrinkwrap.json`));
  });
  const chosen = oneLockEach(pairable, present, reader);
  for (const lock of locks.sort()) {
    const dir = dirnameSlash(lock);
    const base = basename(lock);
    const manifest = `${dir}package.json`;
    if (base === 'bun.lockb') {
      // Another lock beside it pairs the manifest (hono's benchmarks/query-param: bun.lockb and
      // package-lock.json): its dependencies are judged, against that lock, not Bun's.
      const other = chosen.get(dir)?.lock;
      decisions.push(
        present.has(`${dir}bun.lock`)
          ? `${lock}: Bun reads bun.lock beside it instead; not read`
          : other
            ? `${lock}: Slipway does not read Bun's binary lock; ${manifest} is judged against ${other} beside it instead (what \`bun install\` resolves is not checked)`
            : `${lock}: Slipway does not read Bun's binary lock; ${manifest}'s dependencies are not judged: run \`bun install --save-text-lockfile\` to get bun.lock, which it reads`,
      );
      continue;
    }
    if (base === 'package-lock.json' && present.has(`${dir}npm-shrinkwrap.json`)) {
      decisions.push(`${lock}: npm reads npm-shrinkwrap.json beside it instead; not paired`);
      continue;
    }
    if (!present.has(manifest)) {
      decisions.push(`${lock}: no package.json beside it; not paired`);
      continue;
    }
    const choice = chosen.get(dir);
    if (choice && choice.lock !== lock) {
      decisions.push(
        `${lock}: ${manifest} has ${choice.lock} beside it too, and is judged against one lock, ${choice.lock}: ${choice.why}; not paired (delete the lock of the tool the project does not use)`,
      );
      continue;
    }
    const workspace = base === 'pnpm-lock.yaml' ? enclosingPnpmWorkspace(dir, present, reader) : undefined;
    if (workspace) {
      // A workspace root with no package.json (payload's .github/: pnpm-workspace.yaml and the
      // lock only) is paired by nothing: said, as its projects' dependencies then go unjudged.
      const judged = present.has(`${workspace.root}package.json`)
        ? `judged against ${workspace.lock}, which records it`
        : `whose lock ${workspace.lock} records it; the workspace has no package.json at its root for Slipway to pair, so its projects' dependencies are not judged (add one, or review them by hand)`;
      decisions.push(
        `${lock}: ${dir} is a project of the pnpm workspace ${workspace.root || 'at the root'} (${workspace.root}pnpm-workspace.yaml, the nearest above it, is where pnpm installs it from), ${judged}; pnpm does not read this lock (delete it); not paired`,
      );
      continue;
    }
    const layout = JS_LOCKS[base] as DetectedPair['layout'];
    pairs.push({ requirements: manifest, lock, mode: 'superset', layout, unpinned: 0 });
    decisions.push(
      `${manifest} → ${lock}: ${layout} project and its workspaces, mode superset (the lock resolves every package); each package.json's dependencies must be in the lock and inside their ranges (${RULE_IDS.requirementMissingFromLock}, ${RULE_IDS.lockPinOutsideRange}), a dependency dropped must leave the lock (${RULE_IDS.unrequiredLockEntry}${layout === 'yarn' ? ', read from a Berry lock; a classic one keeps no record per workspace' : ''}), and a change to them must bring the lock (${RULE_IDS.declarationsChangedWithoutLock})`,
    );
  }
}

/**
 * The pnpm workspace `dir` (with no pnpm-workspace.yaml of its own) is a project of: pnpm takes the
 * nearest pnpm-workspace.yaml above the folder it runs in as the workspace's root (pnpm
 * pnpm11/workspace/root-finder/src/index.ts findWorkspaceDir) and installs every project by the
 * root's one lock; counted a project when that lock records the folder as an importer.
 */
function enclosingPnpmWorkspace(
  dir: string,
  present: Set<string>,
  reader: LayoutReader,
): { root: string; lock: string } | undefined {
  if (dir === '' || present.has(`${dir}pnpm-workspace.yaml`)) return undefined;
  for (let root = dirnameSlash(dir.slice(0, -1)); ; root = dirnameSlash(root.slice(0, -1))) {
    if (present.has(`${root}pnpm-workspace.yaml`)) {
      const lock = `${root}pnpm-lock.yaml`;
      const text = present.has(lock) ? reader.readFile(lock) : undefined;
      if (text === undefined) return undefined;
      return readPnpmLock(text).importers.has(dir.slice(root.length, -1)) ? { root, lock } : undefined;
    }
    if (root === '') return undefined;
  }
}

/** Where no `packageManager` decides: pnpm's, Yarn's, Bun's, then npm's lock. */
const FALLBACK = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'npm-shrinkwrap.json', 'package-lock.json'];

/** The tool each lock is written by, as `packageManager` names it (`pnpm@10.1.0`). */
const TOOL: Record<string, string> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'bun.lock': 'bun',
};

/**
 * Per folder with a package.json and a lock Slipway reads: the one lock it is paired with, and
 * why, where more than one tool's lock stands there. The tool `packageManager` names (corepack's field, in the folder's
 * package.json or the nearest one above it that has it) is the one the project installs with;
 * else pnpm-workspace.yaml beside pnpm-lock.yaml is pnpm's own file; else a fixed order
 * (FALLBACK), said as such.
 */
function oneLockEach(
  pairable: readonly string[],
  present: Set<string>,
  reader: LayoutReader,
): Map<string, { lock: string; why: string }> {
  const byDir = new Map<string, string[]>();
  for (const lock of pairable) {
    const dir = dirnameSlash(lock);
    byDir.set(dir, [...(byDir.get(dir) ?? []), lock]);
  }
  const out = new Map<string, { lock: string; why: string }>();
  for (const [dir, list] of byDir) {
    if (list.length < 2) {
      out.set(dir, { lock: list[0] as string, why: 'the only lock beside it' });
      continue;
    }
    const named = packageManager(dir, present, reader);
    const byTool = named && list.find((l) => TOOL[basename(l)] === named.tool);
    if (byTool && named) {
      out.set(dir, { lock: byTool, why: `\`packageManager\` in ${named.file} names ${named.tool}` });
      continue;
    }
    const pnpm = list.find((l) => basename(l) === 'pnpm-lock.yaml');
    if (pnpm && present.has(`${dir}pnpm-workspace.yaml`)) {
      out.set(dir, { lock: pnpm, why: `${dir}pnpm-workspace.yaml beside it is pnpm's` });
      continue;
    }
    const first = FALLBACK.map((b) => `${dir}${b}`).find((l) => list.includes(l)) as string;
    out.set(dir, {
      lock: first,
      why: 'no `packageManager` says which tool the project uses, so Slipway takes the first of pnpm-lock.yaml, yarn.lock, bun.lock and package-lock.json; name the tool in `packageManager` to choose',
    });
  }
  return out;
}

/** The tool the nearest package.json with a `packageManager` field names, at `dir` or above it. */
function packageManager(
  dir: string,
  present: Set<string>,
  reader: LayoutReader,
): { tool: string; file: string } | undefined {
  for (let d = dir; ; d = dirnameSlash(d.slice(0, -1))) {
    const file = `${d}package.json`;
    if (present.has(file)) {
      const field = packageManagerField(reader.readFile(file));
      if (field !== undefined) return { tool: field.split('@')[0] ?? '', file };
    }
    if (d === '') return undefined;
  }
}

function packageManagerField(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value = (JSON.parse(text) as { packageManager?: unknown }).packageManager;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
