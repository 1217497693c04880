import { fileURLToPath } from 'node:url';

/** policy-core's folder. */
export const POLICY_CORE_DIR = fileURLToPath(new URL('../../packages/policy-core/', import.meta.url));

/**
 * Whether a file is policy-core's own (its sources and tests, not the bundle built for its
 * hosts): those load policy-core from its sources, every other test from the bundle. Asked by
 * vitest.config.ts of an importer and by load-parsers.ts of the running test file.
 */
export function usesPolicyCoreSources(path: string | undefined): boolean {
  return path?.startsWith(POLICY_CORE_DIR) === true && !path.includes('/dist-hosts/');
}
