import { parsePolicyText, type PolicyDocument } from '@slipway/policy-core';

/** A policy text parsed into its document, for tests that need a valid one: a broken one throws its findings. */
export function policyDoc(text: string, file = 'slipway.yaml'): PolicyDocument {
  const parsed = parsePolicyText(text, file);
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  return parsed.document;
}
