import type { PolicyPath } from './document.js';
import type { Policy } from './schema/index.js';
import type { DependencyPair } from './schema/dependencies.js';

/**
 * `dependencies:` is one requirements/lock pair or a list of them; every reader wants the list,
 * each pair with the key path findings point at (`['dependencies']` or `['dependencies', i]`).
 */
export function dependencyPairs(policy: Policy): { pair: DependencyPair; path: PolicyPath }[] {
  const section = policy.dependencies;
  if (!section) return [];
  if (Array.isArray(section)) return section.map((pair, i) => ({ pair, path: ['dependencies', i] }));
  return [{ pair: section, path: ['dependencies'] }];
}
