import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { applyEditsDetailed, type Finding, type Fix, type TextEdit } from '@slipway/policy-core';
import { readRepoText, replaceRepoFiles, writeRepoFile } from '@slipway/policy-core/node';
import { UserError } from './command.js';

export interface FixReport {
  files: string[];
  /** Findings whose every edit was applied (a fix may edit several places: MIG020's). */
  applied: number;
  /** Edits left out, overlapping one applied before them (the rest of their fix is left out too). */
  skipped: number;
  /** Of `files`, those a fix created (a migration that validates later): new to the listing. */
  created: string[];
}

/**
 * `check --fix`: applies the fix of every finding that has exactly one that is not a choice (a
 * certain fix; findings that offer only choices, or several fixes, are left for a person),
 * grouped per file, each file replaced atomically (a file the fix adds is created, never
 * overwritten). A fix several findings share (the validate-later one covers every constraint of
 * its migration) is applied once and fixes them all.
 */
export async function applyCertainFixes(root: string, findings: readonly Finding[]): Promise<FixReport> {
  // Each fix taken once, with how many findings it answers.
  const fixes = new Map<Fix, number>();
  for (const f of findings) {
    const certain = (f.fixes ?? []).filter((fix) => !fix.choice);
    const fix = certain.length === 1 ? certain[0] : undefined;
    if (fix) fixes.set(fix, (fixes.get(fix) ?? 0) + 1);
  }
  const taken = [...fixes.keys()];
  // A new file is written only where nothing is: a file there already, or a link (even to nothing,
  // which the writer would refuse after the fix's other files were written), leaves the whole fix out.
  const unfixed = new Set<number>();
  for (const [i, fix] of taken.entries())
    if (fix.edits.some((e) => e.create && lstatSync(join(root, e.file), { throwIfNoEntry: false })))
      unfixed.add(i);
  const report: FixReport = { files: [], applied: 0, skipped: 0, created: [] };
  // A fix is applied whole or not at all: half of one (CONCURRENTLY without goose's NO
  // TRANSACTION, a VALIDATE without its NOT VALID) would be worse than none. A fix with an edit
  // left out in one file loses its edits in every file, so all files are worked out before any
  // is written.
  let results: Map<string, string>;
  for (;;) {
    const byFile = new Map<string, { edit: TextEdit; fix: number }[]>();
    for (const [i, fix] of taken.entries()) {
      if (unfixed.has(i)) continue;
      for (const edit of fix.edits)
        byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), { edit, fix: i }]);
    }
    results = new Map();
    const dropped = new Set<number>();
    for (const [file, edits] of byFile) {
      // The one reader and writer: a fix never reads or writes through a link out of the repository.
      const text = readRepoText(root, file) ?? '';
      const result = applyEditsDetailed(
        text,
        edits.map((e) => e.edit),
      );
      report.skipped += result.skipped;
      for (const i of result.skippedEdits) dropped.add(edits[i]?.fix as number);
      if (result.text !== text) results.set(file, result.text);
    }
    if (dropped.size === 0) break;
    for (const i of dropped) unfixed.add(i);
  }
  const created = new Set(taken.flatMap((fix) => fix.edits.filter((e) => e.create).map((e) => e.file)));
  // Files edited in place first, together (their fsyncs at once), then the new ones.
  const replaced = [...results].filter(([file]) => !created.has(file));
  const made = [...results].filter(([file]) => created.has(file));
  await writing(
    root,
    replaced.map(([file]) => file),
    () =>
      replaceRepoFiles(
        root,
        replaced.map(([rel, text]) => ({ rel, text })),
      ),
  );
  for (const [file, text] of made)
    await writing(root, [file], () => writeRepoFile(root, file, text, 'create'));
  report.files.push(...replaced.map(([file]) => file), ...made.map(([file]) => file));
  report.created.push(...made.map(([file]) => file));
  for (const [i, fix] of taken.entries()) if (!unfixed.has(i)) report.applied += fixes.get(fix) ?? 0;
  return report;
}

/** A write of `files`, its failure as one line: refused (exit 2), or the file system's error. */
async function writing(root: string, files: string[], write: () => unknown): Promise<void> {
  if (files.length === 0) return;
  try {
    await write();
  } catch (err) {
    if ((err as Error).name === 'RefusedFile') throw new UserError((err as Error).message, 2);
    // The batch writer names the file that failed (its `path`); one file is its own name anyway.
    const where = (err as NodeJS.ErrnoException).path ?? join(root, files[0] as string);
    throw new UserError(`cannot write ${where}: ${(err as NodeJS.ErrnoException).code ?? err}`, 1);
  }
}
