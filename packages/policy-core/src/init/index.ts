export { type Detected, detectLayout, type LayoutReader } from './detect-layout.js';
export { renderPolicy } from './render-policy.js';
