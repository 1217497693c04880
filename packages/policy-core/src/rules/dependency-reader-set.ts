/**
 * The DEP family's readers that families run on every agent tool call (paths, caps, branches)
 * need only for a policy with dependency pairs: the files pip's includes reach (path roles), a pyproject.toml's
 * declarations (BR003), a pair read whole (the new-dependency cap). The same readers CI's DEP
 * rules use, reached through dependency-readers.ts so that they stay out of the static graph of a
 * call that writes docs/.
 */
export { sameDependencyDeclarations } from '../requirements/pyproject.js';
export { sameNpmDeclarations } from '../requirements/npm/npm-declarations.js';
export { loadPair } from './dependencies/facts/pair-facts.js';
export { dependencyIncludes } from './paths/facts/dependency-includes.js';
