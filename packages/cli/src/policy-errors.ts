import type { Finding } from '@slipway/policy-core';
import { UserError } from './command.js';

/** `file:line:col: message` for one policy problem, as the CLI prints it before exiting 2. */
export function policyErrorLine(f: Finding): string {
  return `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`;
}

/** No policy in the tree nor on the base: nothing governs the repository (the agent gate lets calls through). */
export class MissingPolicyError extends UserError {}

export function missingPolicyError(root: string): UserError {
  return new MissingPolicyError(
    `no slipway.yaml or slipway.toml in ${root}; run \`slipway init\` to write one from what the repository contains`,
  );
}

export function invalidPolicyError(findings: readonly Finding[]): UserError {
  const [first, ...rest] = findings;
  if (!first) return new UserError('invalid policy');
  const more = rest.length
    ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'}; fix this one first)`
    : '';
  return new UserError(`${policyErrorLine(first)}${more}`);
}
