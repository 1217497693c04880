import { minimatch } from 'minimatch';

/**
 * Which package.json files belong to the workspace rooted at `rootDir` (`''` or `a/b/`): those
 * below it that a glob of its root package.json's `workspaces` (npm, Yarn, Bun) or of its
 * pnpm-workspace.yaml's `packages` names, as `<glob>/package.json`. A `!` glob leaves out what it
 * names (pnpm.io/pnpm-workspace_yaml: `'!**\/test/**'`). The dependency rules read a pair's
 * workspaces with it (npm-pair-facts.ts), and check's coverage table asks it whether a root's lock
 * covers a package.json below it (layouts.ts): one answer to "is this a member".
 */
export function workspaceMatcher(rootDir: string, globs: readonly string[]): (manifest: string) => boolean {
  const pattern = (g: string) => `${rootDir}${g.replace(/^\.\//, '').replace(/\/$/, '')}/package.json`;
  const include = globs.filter((g) => !g.startsWith('!')).map(pattern);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => pattern(g.slice(1)));
  if (include.length === 0) return () => false;
  return (path) =>
    path.startsWith(rootDir) &&
    !path.includes('node_modules/') &&
    include.some((p) => minimatch(path, p, { dot: false })) &&
    !exclude.some((p) => minimatch(path, p, { dot: false }));
}
