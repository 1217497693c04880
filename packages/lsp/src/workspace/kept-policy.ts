import { type PolicyParseResult, parsePolicyText, type WithheldBase } from '@slipway/policy-core';
import { refusalLine, unreadPolicyFinding, withBases } from '@slipway/policy-core/node';
import type { OverlayRepo } from './overlay-repo.js';

/** A parse merged over its bases; `withheld`: a base left out, which the editor must say (withheld-base.ts). */
export type KeptParse = PolicyParseResult & { withheld?: WithheldBase };

/**
 * The project's policy, parsed and merged over the bases it `extends:` as the CLI merges them (a
 * git base through the same verified cache), kept as the same objects while the policy's text and
 * every repository file its chain read are unchanged: the family graph compares identity.
 */
export class KeptPolicy {
  /** `fetchBases()` false (an untrusted workspace): git and npm bases come from the cache or are withheld, never fetched. */
  constructor(private readonly fetchBases: () => boolean = () => true) {}

  private last:
    | {
        file: string;
        text: string;
        result: KeptParse;
        /** The repository files the `extends:` chain read, with what they held. */
        bases: Map<string, string | undefined>;
      }
    | undefined;

  of(file: string, text: string, readFile: (path: string) => string | undefined): KeptParse {
    const kept = this.last;
    if (
      kept?.file === file &&
      kept.text === text &&
      [...kept.bases].every(([path, was]) => readFile(path) === was)
    )
      return kept.result;
    const bases = new Map<string, string | undefined>();
    const readLocal = (path: string) => {
      const read = readFile(path);
      bases.set(path, read);
      return read;
    };
    const parsed = parsePolicyText(text, file);
    const result = parsed.document
      ? withBases(parsed.document, { readLocal, ...(this.fetchBases() ? {} : { fetch: false }) })
      : parsed;
    this.last = { file, text, result, bases };
    return result;
  }

  /**
   * The policy at `file` as `of` keeps it; when the one reader refused the file on disk (a link
   * leaving the repository, a FIFO), the one POL001 the CLI gives it, never an empty policy.
   */
  ofFile(file: string, repo: Pick<OverlayRepo, 'readFile' | 'refusal'>): KeptParse {
    const text = repo.readFile(file);
    const refused = text === undefined ? repo.refusal(file) : undefined;
    if (refused) return { findings: [unreadPolicyFinding(file, refusalLine(refused))] };
    return this.of(file, text ?? '', (path) => repo.readFile(path));
  }

  forget(): void {
    this.last = undefined;
  }
}
