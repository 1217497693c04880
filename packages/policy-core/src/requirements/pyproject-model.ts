import type { DeclaredRequirement } from './declared-requirement.js';
import type { Place } from './marker-possible.js';

/** What readPyproject (pyproject.ts) makes of a pyproject.toml's dependency declarations. */
export type PyprojectTool = 'uv' | 'poetry' | 'pep621';

export interface PyprojectProblem {
  message: string;
  start: number;
  end: number;
}

export interface Pyproject {
  requirements: DeclaredRequirement[];
  problems: PyprojectProblem[];
  /** Where the lock was resolved for: the Python ranges and uv's environments. */
  place: Place;
  /** Keys the lock holds as the project itself or a local source (uv workspace, path): no version of their own. */
  local: Set<string>;
  /** Keys uv's `override-dependencies` pins whatever the declarations say. */
  overridden: Set<string>;
  /** The declarations as data: comment, whitespace and key-order edits do not change it. */
  declarations: string;
  /**
   * What decides where packages come from and what builds them, beside the declarations, as
   * data: `[build-system]`, all of `[tool.uv]` (indexes, find-links, sources), Poetry's
   * `source`. An edit of it needs the dependency label (DEP006), though not always a new lock.
   */
  supplyChain: string;
}
