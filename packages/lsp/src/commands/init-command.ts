import { createPolicyFile } from '@slipway/policy-core/node';
import { join } from 'node:path';
import type { CommandResponse, InitArgs, InitResult } from '../protocol/index.js';
import type { Project } from '../workspace/project.js';

/**
 * "Create Policy File": writes slipway.yaml from what the repository holds (the body of
 * `slipway init`) and says where it is; an existing policy is kept and named.
 */
export async function initCommand(project: Project, args: InitArgs): Promise<CommandResponse<InitResult>> {
  const made = await createPolicyFile(project.root, { force: args.force === true });
  const path = join(made.root, made.path);
  if (!made.created) {
    return {
      ok: false,
      refused: {
        code: 'policy-exists',
        message: `${made.reason}; it was kept`,
        hint: 'Open it, or create the file again with { force: true } to replace it.',
      },
      result: { created: false, path },
    };
  }
  project.diskChanged(made.path, 'created');
  return { ok: true, result: { created: true, path } };
}
