import type { Range } from '../finding.js';
import type { Policy } from './schema/index.js';

/** A key path into the policy, e.g. ['protected', 'paths', 2]. */
export type PolicyPath = readonly (string | number)[];

/**
 * A parsed, valid policy together with where each of its keys and values stands in the file,
 * so that findings about a commit, a branch or a database can point at the policy line that
 * asked for the check.
 */
export interface PolicyDocument {
  /** Repo-relative path of the policy file (slipway.yaml or slipway.toml). */
  file: string;
  text: string;
  format: 'yaml' | 'toml';
  policy: Policy;
  /**
   * Range of the value at `path` (or of its key with part 'key'). Falls back to the nearest
   * existing ancestor, and to the file's first line when nothing matches (a defaulted key).
   */
  locate(path: PolicyPath, part?: 'key' | 'value'): Range;
}
