import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import { parsePolicyText } from '../policy/parse.js';
import { readTreeFile, withBases } from './extends/read-base.js';
import { findPolicyFile } from './find-policy-file.js';
import { RULE_IDS } from '../rule-ids.generated.js';

export type LoadedPolicy =
  | { kind: 'ok'; document: PolicyDocument }
  | { kind: 'invalid'; file: string; findings: Finding[] }
  | { kind: 'missing' };

export function loadPolicy(root: string, file = findPolicyFile(root)): LoadedPolicy {
  if (file === undefined) return { kind: 'missing' };
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return {
      kind: 'invalid',
      file,
      findings: [
        {
          rule: RULE_IDS.invalidPolicy,
          severity: 'error',
          message: `invalid policy: cannot read ${file} (${reason}); check the file's permissions.`,
          file,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    };
  }
  const parsed = parsePolicyText(text, file);
  if (!parsed.document) return { kind: 'invalid', file, findings: parsed.findings };
  // `extends:` a base: merged here, so every command judges with the effective policy.
  const extended = withBases(parsed.document, { readLocal: readTreeFile(root) });
  if ('document' in extended) return { kind: 'ok', document: extended.document };
  return { kind: 'invalid', file, findings: extended.findings };
}
