import type { CheckContext } from '../../rule.js';

/** What the POL rules on a parsed policy read. */
export interface PolicyRun {
  ctx: CheckContext;
  /** Every rule id the registry knows (POL003 checks `rules:` keys against them). */
  knownIds: ReadonlySet<string>;
}

/** What POL001 reads: the policy file as written, before it is parsed. */
export interface PolicyTextRun {
  file: string;
  text: string;
}
