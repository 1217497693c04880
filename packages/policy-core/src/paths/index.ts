export * from './normalize-path.js';
export * from './parse-pattern.js';
export * from './path-matcher.js';
export * from './sorted-listing.js';
export * from './validate-pattern.js';
