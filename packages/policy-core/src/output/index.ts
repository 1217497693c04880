export * from './github.js';
export * from './markdown.js';
export * from './json.js';
export * from './locations.js';
export * from './printable.js';
export * from './sarif.js';
export * from './summary.js';
export * from './text.js';
