import { type PolicyParseResult, parsePolicyText } from '@slipway/policy-core';
import { withBases } from '@slipway/policy-core/node';

/**
 * The project's policy, parsed and merged over the bases it `extends:` as the CLI merges them (a
 * git base through the same verified cache), kept as the same objects while the policy's text and
 * every repository file its chain read are unchanged: the family graph compares identity.
 */
export class KeptPolicy {
  private last:
    | {
        file: string;
        text: string;
        result: PolicyParseResult;
        /** The repository files the `extends:` chain read, with what they held. */
        bases: Map<string, string | undefined>;
      }
    | undefined;

  of(file: string, text: string, readFile: (path: string) => string | undefined): PolicyParseResult {
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
    const result = parsed.document ? withBases(parsed.document, { readLocal }) : parsed;
    this.last = { file, text, result, bases };
    return result;
  }

  forget(): void {
    this.last = undefined;
  }
}
