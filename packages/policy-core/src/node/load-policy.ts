import { type Finding, ZERO_RANGE } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import { parsePolicyText } from '../policy/parse.js';
import { readTreeFile, withBases } from './extends/read-base.js';
import { findPolicyFile } from './find-policy-file.js';
import { readConfined } from './confined-read.js';
import { RepoConfinement, refusalLine } from './repo-confinement.js';
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
    findings: [unreadPolicyFinding(file, message)],
  });
  // The one reader: a link out of the repository, a FIFO (which would never end the read) or a
  // device is refused, and a file of gigabytes is refused by its size before it is read.
  const read = readConfined(new RepoConfinement(root), file, undefined, 4 * LIMITS.policy.chars);
  if (read === undefined)
    return invalid(`cannot read ${file}; check that it is a regular file you can read.`);
  if ('refused' in read) return invalid(refusalLine(read));
  const size = 'tooLarge' in read ? read.tooLarge : read.size;
  if (bytesPastChars(size, LIMITS.policy.chars) || 'tooLarge' in read)
    return invalid(
      `the policy file is ${megabytes(size)}, more than the ${megabytes(LIMITS.policy.chars)} a policy may be; a policy is a page of settings.`,
    );
  const text = read.text;
  const parsed = parsePolicyText(text, file);
  if (!parsed.document) return { kind: 'invalid', file, findings: parsed.findings };
  // `extends:` a base: merged here, so every command judges with the effective policy.
  const extended = withBases(parsed.document, { readLocal: readTreeFile(root) });
  if ('document' in extended) return { kind: 'ok', document: extended.document };
  return { kind: 'invalid', file, findings: extended.findings };
}

/**
 * The POL001 of a policy file that could not be read (refused by the one reader, too large,
 * unreadable), on its first line: `message` says why and what to do. The CLI and the editor
 * (which reads the policy through its own view of the disk) say it in the same words.
 */
export function unreadPolicyFinding(file: string, message: string): Finding {
  return {
    rule: RULE_IDS.invalidPolicy,
    severity: 'error',
    message: `invalid policy: ${message}`,
    file,
    range: ZERO_RANGE,
  };
}
