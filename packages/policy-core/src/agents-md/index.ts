export * from './agents-md-section.js';
export * from './render-section.js';
