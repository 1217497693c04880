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
  if (req.kind !== 'pep508' || req.specifiers.length !== 1) return undefined;
  const s = req.specifiers[0];
  if (!s || (s.op !== '==' && s.op !== '===') || s.version.endsWith('.*')) return undefined;
  return { op: s.op, version: s.version, start: s.versionStart, end: s.end };
}
