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
  /** The values as written, before the schema's defaults: what `extends:` merges (policy/extends/). */
  input?: unknown;
  /** Set when the policy extends a base: `policy` is then the merged, effective policy. */
  extended?: ExtendedFrom;
}

/** The base a policy extends, as the effective policy remembers it. */
export interface ExtendedFrom {
  /** `extends:` as written. */
  spec: string;
  /** How messages name it: the spec with a short SHA. */
  described: string;
  /** The base's own effective policy (itself merged with its bases). */
  base: PolicyDocument;
  /** This policy as written, before the merge. */
  own: PolicyDocument;
  /**
   * A git base: the repository, commit and path read, and the cache file that holds them, verified
   * (what a runner of the base's own test cases reads the base's other files beside).
   */
  pinned?: { url: string; commit: string; path: string; cacheFile: string };
}
