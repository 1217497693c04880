import type { Finding, Range, RelatedLocation, TextEdit } from '../../../finding.js';
import type { CheckContext } from '../../../rule.js';
import type { DepFile } from '../../../requirements/dep-file.js';
import type { PairFacts } from './pair-facts.js';

/** `{ file, range }` of offsets in a dependency file. */
export function at(file: DepFile, start: number, end: number): { file: string; range: Range } {
  return { file: file.path, range: file.range(start, end) };
}

export function related(file: DepFile, start: number, end: number, message: string): RelatedLocation {
  return { ...at(file, start, end), message };
}

/** The policy line that names a pair's key (`lock`, `label`, …). */
export function policyAt(ctx: CheckContext, facts: PairFacts, key: string): { file: string; range: Range } {
  return { file: ctx.policy.file, range: ctx.policy.locate([...facts.policyPath, key]) };
}

export function edit(file: DepFile | string, range: Range, newText: string): TextEdit {
  return { file: typeof file === 'string' ? file : file.path, range, newText };
}

export function replaceEdit(file: DepFile, start: number, end: number, newText: string): TextEdit {
  return edit(file, file.range(start, end), newText);
}

export type DepFinding = Finding;
