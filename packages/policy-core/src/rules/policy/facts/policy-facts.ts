import type { PolicyDocument } from '../../../policy/document.js';
import type { CheckContext } from '../../../rule.js';

/** What the POL rules on a parsed policy read. */
export interface PolicyRun {
  /** The context with the policy the change carries as `policy` (the head's, when another governs). */
  ctx: CheckContext;
  /** The policy that governs the check, when it is not the change's own (the base's): what POL004 compares with. */
  governing?: PolicyDocument;
  /** Every rule id the registry knows (POL003 checks `rules:` keys against them). */
  knownIds: ReadonlySet<string>;
}

/** What POL001 reads: the policy file as written, before it is parsed. */
export interface PolicyTextRun {
  file: string;
  text: string;
}
