export * from './db-client.js';
export * from './db-error.js';
export * from './read-db-facts.js';
export * from './redact-url.js';
export * from './stamp-baseline.js';
