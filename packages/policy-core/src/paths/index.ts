export { normalizeRepoPath } from './normalize-path.js';
export { type ParsedPattern, parsePattern } from './parse-pattern.js';
export { type PathDecision, PathMatcher, type PatternSource } from './path-matcher.js';
export { markSortedCanonical } from './sorted-listing.js';
export { validatePattern } from './validate-pattern.js';
