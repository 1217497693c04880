/**
 * The dependency readers of dependency-reader-set.ts, loaded on demand like the migration
 * parsers (migrations/sql-parser.ts): they and the TOML parser they import cost the agent gate
 * ~150 KB of modules to compile on every tool call, and a policy without dependency pairs never
 * calls them. Loading is asynchronous, use is synchronous: a host that runs the families without
 * importing them all (the agent gate, rules/load-families.ts) `await initDependencyReaders()` once
 * when the policy has dependency pairs; the hosts that import every family (rules/families.ts)
 * have them from the start.
 */

import { dependencyPairs } from '../policy/dependency-pairs.js';
import type { PolicyDocument } from '../policy/document.js';

type DependencyReaderSet = typeof import('./dependency-reader-set.js');

let readers: DependencyReaderSet | undefined;
let loading: Promise<void> | undefined;

export function initDependencyReaders(): Promise<void> {
  loading ??= import('./dependency-reader-set.js').then((mod) => {
    readers = mod;
  });
  return loading;
}

/** initDependencyReaders when one of the policies has dependency pairs: only then are they read. */
export async function initDependencyReadersFor(
  policies: readonly (PolicyDocument | undefined)[],
): Promise<void> {
  if (policies.some((doc) => doc && dependencyPairs(doc.policy).length > 0)) await initDependencyReaders();
}

/** For the hosts that import the readers with every family anyway (rules/families.ts). */
export function provideDependencyReaders(set: DependencyReaderSet): void {
  readers = set;
}

/** The loaded readers; a host that skipped initialisation is a programming error, said plainly. */
export function dependencyReaders(): DependencyReaderSet {
  if (readers === undefined)
    throw new Error(
      'the dependency readers are not loaded: the host must `await initDependencyReaders()` before judging a policy with dependency pairs',
    );
  return readers;
}
