import { DeployError, type PolicyDocument } from '../../index.js';
import { loadPolicy } from '../load-policy.js';

/** The valid policy at a repository root; a missing or invalid one is a DeployError (`config`). */
export function policyAt(root: string): PolicyDocument {
  const loaded = loadPolicy(root);
  if (loaded.kind === 'missing')
    throw new DeployError('config', `no slipway.yaml or slipway.toml in ${root}`, {
      hint: 'run `slipway init` to write one from what the repository contains',
    });
  if (loaded.kind === 'invalid') {
    const f = loaded.findings[0];
    throw new DeployError(
      'config',
      f
        ? `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`
        : 'invalid policy',
    );
  }
  return loaded.document;
}
