import type { PolicyDocument } from '../../policy/document.js';
import { requiredStaging } from './promote-checks.js';

/** One environment a person may promote to, as a picker shows it. */
export interface EnvironmentChoice {
  name: string;
  /** The environment the deploy record describes (`deploy.production`). */
  production: boolean;
  /** A person must approve a promote to it. */
  approval: boolean;
  /** The environment that must have verified the SHA first, when there is one. */
  verifiedOn?: string;
}

/**
 * The policy's deploy environments in its own order, with what a promote to each needs. Read
 * from the policy alone (no `${VAR}` is expanded), so it works before any variable is set.
 */
export function environmentChoices(doc: PolicyDocument): EnvironmentChoice[] {
  const deploy = doc.policy.deploy;
  if (!deploy) return [];
  return Object.entries(deploy.environments).map(([name, config]) => {
    const production = name === deploy.production;
    const verifiedOn = requiredStaging(doc, { name, config, isProduction: production });
    return {
      name,
      production,
      approval: config.approval === 'required',
      ...(verifiedOn ? { verifiedOn } : {}),
    };
  });
}
