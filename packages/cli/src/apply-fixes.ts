import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEditsDetailed, type Finding, type TextEdit } from '@slipway/policy-core';
import { writeFileAtomic } from '@slipway/policy-core/node';
import { UserError } from './command.js';

export interface FixReport {
  files: string[];
  applied: number;
  skipped: number;
}

/**
 * `check --fix`: applies the fix of every finding that has exactly one (a certain fix; findings
 * that offer a choice are left for a person), grouped per file, each file replaced atomically.
 */
export function applyCertainFixes(root: string, findings: readonly Finding[]): FixReport {
  const byFile = new Map<string, TextEdit[]>();
  for (const f of findings) {
    if (f.fixes?.length !== 1) continue;
    for (const edit of f.fixes[0]?.edits ?? []) {
      const list = byFile.get(edit.file);
      if (list) list.push(edit);
      else byFile.set(edit.file, [edit]);
    }
  }
  const report: FixReport = { files: [], applied: 0, skipped: 0 };
  for (const [file, edits] of byFile) {
    const full = join(root, file);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch {
      text = '';
    }
    const result = applyEditsDetailed(text, edits);
    report.applied += result.applied;
    report.skipped += result.skipped;
    if (result.text !== text) {
      writeAtomically(full, result.text);
      report.files.push(file);
    }
  }
  return report;
}

function writeAtomically(target: string, text: string): void {
  try {
    writeFileAtomic(target, text);
  } catch (err) {
    throw new UserError(`cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? err}`, 1);
  }
}
