import { join } from 'node:path';
import { applyEditsDetailed, type Finding, type TextEdit } from '@slipway/policy-core';
import { readRepoText, writeRepoFile } from '@slipway/policy-core/node';
import { UserError } from './command.js';

export interface FixReport {
  files: string[];
  applied: number;
  skipped: number;
}

/**
 * `check --fix`: applies the fix of every finding that has exactly one that is not a choice (a
 * certain fix; findings that offer only choices, or several fixes, are left for a person),
 * grouped per file, each file replaced atomically.
 */
export function applyCertainFixes(root: string, findings: readonly Finding[]): FixReport {
  const byFile = new Map<string, TextEdit[]>();
  for (const f of findings) {
    const certain = (f.fixes ?? []).filter((fix) => !fix.choice);
    if (certain.length !== 1) continue;
    for (const edit of certain[0]?.edits ?? []) {
      const list = byFile.get(edit.file);
      if (list) list.push(edit);
      else byFile.set(edit.file, [edit]);
    }
  }
  const report: FixReport = { files: [], applied: 0, skipped: 0 };
  for (const [file, edits] of byFile) {
    // The one reader and writer: a fix never reads or writes through a link out of the repository.
    const text = readRepoText(root, file) ?? '';
    const result = applyEditsDetailed(text, edits);
    report.applied += result.applied;
    report.skipped += result.skipped;
    if (result.text !== text) {
      writeAtomically(root, file, result.text);
      report.files.push(file);
    }
  }
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
