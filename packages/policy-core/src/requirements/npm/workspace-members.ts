import { Minimatch } from 'minimatch';

/** How a tool reads a list of workspace globs with `!` in it (workspaceMatcher). */
export type WorkspaceGlobs = 'ordered' | 'exclusions-win';

/**
 * Which package.json files belong to the workspace rooted at `rootDir` (`''` or `a/b/`): those
 * below it that a glob of its root package.json's `workspaces` (npm, Yarn, Bun) or of its
 * pnpm-workspace.yaml's `packages` names, as `<glob>/package.json`. The tools read `!` differently:
 * - `ordered` (npm's map-workspaces, lib/index.js): the globs apply in turn, a negation taking
 *   out what the globs before it put in, a later glob putting it back: the last glob that matches
 *   says; an odd run of `!` negates, an even one does not (`!!a` is `a`). A package.json's
 *   `workspaces` is read so for Yarn and Bun too, not checked against their own globbing;
 * - `exclusions-win` (pnpm's findPackages hands the list to tinyglobby, where a `!` pattern
 *   ignores its matches whatever the order and one starting `!!` is dropped:
 *   pnpm.io/pnpm-workspace_yaml's `'!**\/test/**'`).
 * The dependency rules read a pair's workspaces with it (npm-pair-facts.ts), and check's coverage
 * table asks it whether a root's lock covers a package.json below it (lock-covers.ts): one answer
 * to "is this a member".
 */
export function workspaceMatcher(
  rootDir: string,
  globs: readonly string[],
  reading: WorkspaceGlobs,
): (manifest: string) => boolean {
  const read = globs.flatMap((g) => {
    const bangs = /^!*/.exec(g)?.[0].length ?? 0;
    // tinyglobby (0.2.17, processPatterns) drops a pattern that starts with `!!`.
    if (reading === 'exclusions-win' && bangs > 1) return [];
    const glob = g
      .slice(bangs)
      .replace(/^\.?\/+/, '')
      .replace(/\/$/, '');
    // Compiled once: the test is asked of every package.json the listing holds.
    const pattern = new Minimatch(`${rootDir}${glob}/package.json`, { dot: false });
    return [{ pattern, negated: bangs % 2 === 1 }];
  });
  if (!read.some((g) => !g.negated)) return () => false;
  return (path) => {
    if (!path.startsWith(rootDir) || path.includes('node_modules/')) return false;
    if (reading === 'exclusions-win')
      return (
        read.some((g) => !g.negated && g.pattern.match(path)) &&
        !read.some((g) => g.negated && g.pattern.match(path))
      );
    let member = false;
    for (const g of read) if (g.pattern.match(path)) member = !g.negated;
    return member;
  };
}
