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
    const exists = made.code === 'policy-exists';
    return {
      ok: false,
      refused: {
        code: made.code,
        message: exists ? `${made.reason}; it was kept` : made.reason,
        hint: exists
          ? 'Open it, or create the file again with { force: true } to replace it.'
          : 'Open the folder of a git repository.',
      },
      result: { created: false, path },
    };
  }
  project.diskChanged(made.path, 'created');
  if (made.tests.written) project.diskChanged(made.tests.path, 'created');
  return {
    ok: true,
    result: {
      created: true,
      path,
      decisions: made.decisions,
      ...(made.tests.written ? { tests: join(made.root, made.tests.path) } : {}),
    },
  };
}
