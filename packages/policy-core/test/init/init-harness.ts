import {
  type Detected,
  detectLayout,
  type PolicyDocument,
  parsePolicyText,
  renderPolicy,
} from '../../src/index.js';

/** What init detects in a repository given as its files' texts. */
export function detectIn(files: Record<string, string>): Detected {
  return detectLayout(Object.keys(files), { readFile: (p) => files[p], isDirectory: () => false });
}

/** The policy init writes for what it found, and that text read back as the CLI reads it. */
export function initPolicy(found: Detected): { text: string; policy: PolicyDocument } {
  const text = renderPolicy(found, 'main');
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error(`init wrote an invalid policy:\n${text}`);
  return { text, policy };
}
