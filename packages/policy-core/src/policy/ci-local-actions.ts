import type { RepoView } from '../repo.js';
import { literalPattern, normalizeRepoPath, PathMatcher } from '../paths/index.js';
import { withoutTrailingSlashes } from '../trailing-slashes.js';

/**
 * The local actions CI runs: a workflow step `uses: ./tools/gate` runs the action in that folder
 * (its `action.yml` and the scripts beside it), with the workflow's permissions and secrets. A
 * change to that folder is as much a change to CI as a change to the workflow itself, so the
 * folder is policy surface (PATH004) for as long as a workflow uses it.
 *
 * Read from the workflows the change is judged against (the base's), and through the actions
 * they name: a composite action's own steps can use another local action. The scan is a line
 * scan, not a YAML parse: it also finds a `uses:` in a flow mapping or a file YAML rejects, and
 * a false match (a `uses: ./x` inside a `run:` string) only protects more.
 */
export interface LocalAction {
  /** The action's folder, repo-relative, no trailing slash (or the reusable workflow's file). */
  dir: string;
  /** The workflow or action file that names it, and its 1-based line. */
  usedBy: string;
  line: number;
}

const USES = /(?:^|[\s{,-])["']?uses["']?\s*:\s*["']?\.\/([^"'\s,}#]*)/g;
/** Local actions followed through other actions: a bound on a chain written to be long. */
const MAX_ACTIONS = 64;
const MAX_DEPTH = 4;

export function localActionsOf(
  workflows: readonly string[],
  read: (path: string) => string | undefined,
  expect?: (paths: readonly string[]) => void,
): LocalAction[] {
  const found = new Map<string, LocalAction>();
  let frontier = workflows.map((file) => ({ file, depth: 0 }));
  while (frontier.length > 0 && found.size < MAX_ACTIONS) {
    // Each level's files read together (at base: one git process, ChangeSet.expectBase).
    expect?.(frontier.map((f) => f.file));
    const next: { file: string; depth: number }[] = [];
    for (const { file, depth } of frontier) {
      const text = read(file);
      if (text === undefined) continue;
      for (const { dir, line } of usesIn(text)) {
        if (found.has(dir) || found.size >= MAX_ACTIONS) continue;
        found.set(dir, { dir, usedBy: file, line });
        if (depth + 1 < MAX_DEPTH && !/\.ya?ml$/.test(dir))
          for (const name of ['action.yml', 'action.yaml'])
            next.push({ file: `${dir}/${name}`, depth: depth + 1 });
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

function* usesIn(text: string): Generator<{ dir: string; line: number }> {
  let line = 1;
  let at = 0;
  for (const m of text.matchAll(USES)) {
    // Up to and including the match's first character: a `uses:` at a line's start is matched
    // from the newline before it, which belongs to the line above.
    for (let i = text.indexOf('\n', at); i !== -1 && i <= m.index; i = text.indexOf('\n', i + 1)) line++;
    at = m.index + 1;
    const dir = withoutTrailingSlashes(normalizeRepoPath(m[1] ?? ''));
    // `uses: ./` is the repository's own root action (action.yml, already surface).
    if (dir !== '') yield { dir, line };
  }
}

/**
 * The local actions of the workflows in `repo`'s listing, each workflow and action read with
 * `read` (the base's text when a change is judged), as a lookup by path.
 */
export function ciLocalActions(
  repo: RepoView,
  read: (path: string) => string | undefined,
  expect?: (paths: readonly string[]) => void,
): LocalActionLookup {
  const listing = repo.filesUnder?.('.github/workflows/') ?? repo.listFiles();
  return localActionLookup(localActionsOf(workflowFiles(listing), read, expect));
}

/** The workflow files GitHub runs: `.github/workflows/*.yml` and `*.yaml`, at the root only. */
function workflowFiles(paths: Iterable<string>): string[] {
  const out: string[] = [];
  for (const p of paths) if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) out.push(p);
  return out;
}

/** Which action a path belongs to, matched folded like the rest of the surface. */
export interface LocalActionLookup {
  which(path: string): LocalAction | undefined;
}

export function localActionLookup(actions: readonly LocalAction[]): LocalActionLookup {
  const matcher = new PathMatcher(
    actions.map((a) => ({ pattern: literalPattern(a.dir) })),
    { fold: true },
  );
  return {
    which(path) {
      const d = matcher.explain(path);
      return d.matched && d.index !== undefined ? actions[d.index] : undefined;
    },
  };
}
