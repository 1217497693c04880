import TOML from '@iarna/toml';
import { LIMITS, nestingPastLimit } from '../limits.js';
import { globToRegexSource } from '../paths/glob-to-regex.js';
import { withoutTrailingSlashes } from '../trailing-slashes.js';

/**
 * The pyproject.toml files of a uv workspace's members: `[tool.uv.workspace] members` globs (less
 * `exclude`) matched against the repository's files, relative to the root pyproject.toml's folder.
 * Every member's dependencies are resolved into the root's uv.lock, so each is paired with it.
 * A root that is not a workspace, or does not read as TOML, has none.
 */
export function uvWorkspaceMembers(rootText: string, dir: string, files: Iterable<string>): string[] {
  const { chars, depth } = LIMITS.pyproject;
  if (rootText.length > chars || nestingPastLimit(rootText, depth) >= 0) return [];
  let workspace: { members?: unknown; exclude?: unknown } | undefined;
  try {
    const data = TOML.parse(rootText) as { tool?: { uv?: { workspace?: typeof workspace } } };
    workspace = data.tool?.uv?.workspace;
  } catch {
    return [];
  }
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : []);
  const compile = (gs: string[]) =>
    gs.map(
      (g) => new RegExp(`^${globToRegexSource(`${dir}${withoutTrailingSlashes(g)}`)}/pyproject\\.toml$`, 's'),
    );
  const members = compile(globs(workspace?.members));
  const excluded = compile(globs(workspace?.exclude));
  const out: string[] = [];
  for (const f of files)
    if (
      members.some((re) => re.test(f)) &&
      !excluded.some((re) => re.test(f)) &&
      f !== `${dir}pyproject.toml`
    )
      out.push(f);
  return out.sort();
}
