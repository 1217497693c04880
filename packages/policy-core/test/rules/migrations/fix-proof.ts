import { applyEditsDetailed, type Finding, type Fix } from '@slipway/policy-core';
import { expect } from 'vitest';
import { runCaseFiles } from '../fixture-case.js';

/** A small repository: path → text. */
export type Files = Record<string, string>;

/** The whole engine's findings on the files (policy: the MIG default for the trees they have). */
export const runAll = (files: Files): Finding[] => runCaseFiles(files, 'MIG');

/** One rule's findings. */
export const findingsOf = (rule: string, files: Files): Finding[] =>
  runAll(files).filter((f) => f.rule === rule);

/** The files with one fix's edits applied, as `check --fix` or an editor applies them. */
export function applied(files: Files, fix: Fix): Files {
  const out = { ...files };
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    const edits = fix.edits.filter((e) => e.file === file);
    out[file] = applyEditsDetailed(out[file] ?? '', edits).text;
  }
  return out;
}

/** What else the engine says of the files, without positions (a fix moves lines down). */
const others = (rule: string, findings: Finding[]): string[] =>
  findings
    .filter((f) => f.rule !== rule)
    .map((f) => `${f.file} ${f.rule}`)
    .sort();

/**
 * The proof of a fix: applied to the files, `rule` no longer reports, and nothing else the
 * engine says of them is new. `gone`: rules the fix also answers (CONCURRENTLY takes no lock
 * that MIG037 is about), which may disappear too.
 */
export function expectProven(rule: string, files: Files, fix: Fix, gone: string[] = []): Files {
  const fixed = applied(files, fix);
  const after = runAll(fixed);
  expect(after.filter((f) => f.rule === rule)).toEqual([]);
  const before = others(rule, runAll(files)).filter((k) => !gone.some((g) => k.endsWith(` ${g}`)));
  expect(others(rule, after).filter((k) => !gone.some((g) => k.endsWith(` ${g}`)))).toEqual(before);
  return fixed;
}

/** The one finding of `rule`, and its fix (at most one). */
export function onlyFixOf(files: Files, rule: string): Fix | undefined {
  const found = runAll(files).filter((f: Finding) => f.rule === rule);
  expect(found).toHaveLength(1);
  const fixes = (found[0] as Finding).fixes ?? [];
  expect(fixes.length).toBeLessThanOrEqual(1);
  return fixes[0];
}
