import { join } from 'node:path';
import { applyEditsDetailed, type Finding, type TextEdit } from '@slipway/policy-core';
import { readRepoText, writeRepoFile } from '@slipway/policy-core/node';
import { UserError } from './command.js';

export interface FixReport {
  files: string[];
  /** Findings whose every edit was applied (a fix may edit several places: MIG020's). */
  applied: number;
  /** Edits left out, overlapping one applied before them (the rest of their fix is left out too). */
  skipped: number;
}

/**
 * `check --fix`: applies the fix of every finding that has exactly one that is not a choice (a
 * certain fix; findings that offer only choices, or several fixes, are left for a person),
 * grouped per file, each file replaced atomically.
 */
export function applyCertainFixes(root: string, findings: readonly Finding[]): FixReport {
  // Each edit with the finding it fixes: a finding counts as fixed when none of its edits was left out.
  const byFile = new Map<string, { edit: TextEdit; finding: number }[]>();
  let taken = 0;
  for (const f of findings) {
    const certain = (f.fixes ?? []).filter((fix) => !fix.choice);
    if (certain.length !== 1) continue;
    const finding = taken++;
    for (const edit of certain[0]?.edits ?? []) {
      const list = byFile.get(edit.file);
      if (list) list.push({ edit, finding });
      else byFile.set(edit.file, [{ edit, finding }]);
    }
  }
  const report: FixReport = { files: [], applied: 0, skipped: 0 };
  const unfixed = new Set<number>();
  for (const [file, edits] of byFile) {
    // The one reader and writer: a fix never reads or writes through a link out of the repository.
    const text = readRepoText(root, file) ?? '';
    // A fix is applied whole or not at all: half of one (CONCURRENTLY without goose's NO
    // TRANSACTION) would be worse than none. A finding with an edit left out loses the others too.
    let kept = edits;
    let result = applyEditsDetailed(
      text,
      kept.map((e) => e.edit),
    );
    while (result.skippedEdits.length > 0) {
      report.skipped += result.skipped;
      const dropped = new Set(result.skippedEdits.map((i) => kept[i]?.finding as number));
      for (const finding of dropped) unfixed.add(finding);
      kept = kept.filter((e) => !dropped.has(e.finding));
      result = applyEditsDetailed(
        text,
        kept.map((e) => e.edit),
      );
    }
    if (result.text !== text) {
      writeAtomically(root, file, result.text);
      report.files.push(file);
    }
  }
  report.applied = taken - unfixed.size;
  return report;
}

function writeAtomically(root: string, file: string, text: string): void {
  try {
    writeRepoFile(root, file, text);
  } catch (err) {
    if ((err as Error).name === 'RefusedFile') throw new UserError((err as Error).message, 2);
    throw new UserError(`cannot write ${join(root, file)}: ${(err as NodeJS.ErrnoException).code ?? err}`, 1);
  }
}
