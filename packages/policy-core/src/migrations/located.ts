import type { Range } from '../finding.js';

/** A value read from a migration file, with where it was written. */
export interface Located<T> {
  value: T;
  range: Range;
}
