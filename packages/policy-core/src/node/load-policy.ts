import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import { parsePolicyText } from '../policy/parse.js';
import { readTreeFile, withBases } from './extends/read-base.js';
import { findPolicyFile } from './find-policy-file.js';
import { bytesPastChars, LIMITS, megabytes } from '../limits.js';
import { RULE_IDS } from '../rule-ids.generated.js';

export type LoadedPolicy =
  | { kind: 'ok'; document: PolicyDocument }
  | { kind: 'invalid'; file: string; findings: Finding[] }
  | { kind: 'missing' };

export function loadPolicy(root: string, file = findPolicyFile(root)): LoadedPolicy {
  if (file === undefined) return { kind: 'missing' };
  const invalid = (message: string): LoadedPolicy => ({
    kind: 'invalid',
    file,
    findings: [
      {
        rule: RULE_IDS.invalidPolicy,
        severity: 'error',
        message: `invalid policy: ${message}`,
        file,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  });
  let text: string;
  try {
    // Looked at before it is read: a FIFO in its place would never end the read, and a file of
    // gigabytes would be read whole before the parser could say it is too large.
    const st = statSync(join(root, file));
    if (!st.isFile()) return invalid(`${file} is not a regular file; the policy is a file of settings.`);
    if (bytesPastChars(st.size, LIMITS.policy.chars))
      return invalid(
        `the policy file is ${megabytes(st.size)}, more than the ${megabytes(LIMITS.policy.chars)} a policy may be; a policy is a page of settings.`,
      );
    text = readFileSync(join(root, file), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return invalid(`cannot read ${file} (${reason}); check the file's permissions.`);
  }
  const parsed = parsePolicyText(text, file);
  if (!parsed.document) return { kind: 'invalid', file, findings: parsed.findings };
  // `extends:` a base: merged here, so every command judges with the effective policy.
  const extended = withBases(parsed.document, { readLocal: readTreeFile(root) });
  if ('document' in extended) return { kind: 'ok', document: extended.document };
  return { kind: 'invalid', file, findings: extended.findings };
}
