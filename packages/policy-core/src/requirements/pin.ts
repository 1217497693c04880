import type { Specifier } from './pep508-parser.js';
import type { RequirementEntry } from './requirements-file.js';

/** The exact pin of a requirement: one `==` (not a `.*` prefix match) or one `===`. */
export interface Pin {
  op: '==' | '===';
  version: string;
  /** File offsets of the version text. */
  start: number;
  end: number;
}

export function pinOf(req: RequirementEntry): Pin | undefined {
  if (req.kind !== 'pep508' || req.pinnedOp === undefined || req.pinnedVersion === undefined)
    return undefined;
  return new PinOf(req, req.pinnedOp, req.pinnedVersion);
}

/** A pin whose offsets are looked up only when asked (matching reads the version alone). */
class PinOf implements Pin {
  constructor(
    private readonly req: RequirementEntry,
    readonly op: '==' | '===',
    readonly version: string,
  ) {}
  get start(): number {
    return (this.req.specifiers[0] as Specifier).versionStart;
  }
  get end(): number {
    return (this.req.specifiers[0] as Specifier).end;
  }
}
