import type { ServerContext } from '../context.js';
import type { FolderArgs, Refusal } from '../protocol/index.js';
import { uriToPath } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';

/**
 * The project a command acts on: the repository containing `args.folder` (a workspace folder or
 * any file in it), or why there is none.
 */
export async function commandProject(
  ctx: ServerContext,
  args: unknown,
): Promise<{ project: Project } | { refused: Refusal }> {
  const folder = (args as Partial<FolderArgs> | undefined)?.folder;
  const path = typeof folder === 'string' ? uriToPath(folder) : undefined;
  if (path === undefined) {
    return {
      refused: {
        code: 'bad-arguments',
        message: 'the command needs { folder: "file:///…" }, the workspace folder to act on',
      },
    };
  }
  const projects = await ctx.service.state.projects.ready();
  const uri = folder as string;
  const project =
    projects.find((p) => p.root === path) ??
    (await ctx.service.state.projects.locate(uri))?.project ??
    (await ctx.service.state.projects.addFolder(uri));
  if (!project)
    return {
      refused: { code: 'no-folder', message: `${path} is not a folder the language server can open` },
    };
  return { project };
}
