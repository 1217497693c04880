import { isDeclared } from '../../../requirements/declared-requirement.js';
import { markerPossible } from '../../../requirements/marker-possible.js';
import type { RequirementEntry } from '../../../requirements/requirements-file.js';
import type { PairFacts } from './pair-facts.js';

/**
 * Whether the lock must hold a version of this requirement. A requirements file's lines always
 * do. A pyproject.toml declaration does unless it is the project itself or a local member (uv
 * locks those without a version), or its marker (with Poetry's `python` on the dependency) holds
 * nowhere the lock was resolved for; when that cannot be decided, it is not expected: a missing
 * finding costs less than a false alarm on every check.
 */
export function lockMustPin(facts: PairFacts, entry: RequirementEntry): boolean {
  if (!isDeclared(entry)) return true;
  const key = entry.key;
  if (key === undefined || facts.lockProjects.has(key) || facts.pyproject?.local.has(key)) return false;
  const place = facts.pyproject?.place ?? { python: [], environments: [] };
  const python = entry.python ? [...place.python, entry.python] : place.python;
  return markerPossible(entry.marker, { python, environments: place.environments }) === true;
}
