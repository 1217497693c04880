import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import type { MigrationModule } from './alembic-module.js';
import type { SchemaOp } from './schema-op.js';
import { unread } from './sql-text.js';

/**
 * Files that hold NUL bytes are binary, not text. Alembic imports every `.py` in a version
 * folder and Python refuses such a file ("source code string cannot contain null bytes"), so it
 * breaks every migration command: it must be reported, not skipped. A `.sql` file the policy
 * names is run as SQL, so a binary one is reported as unread SQL.
 */
export function isBinaryText(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * Why a migration file cannot be read as source, or undefined when it can: binary (NUL bytes),
 * or, for Python, not UTF-8 without a PEP 263 `coding:` line (Python refuses it: "Non-UTF-8
 * code starting with ..."). The host decodes bytes that are not UTF-8 as U+FFFD, which is how
 * they are seen here. Files past a limit are refused before this (refused-file.ts).
 */
export function unusableSource(text: string, kind: 'python' | 'sql'): string | undefined {
  if (isBinaryText(text)) return undefined;
  if (kind === 'python' && text.includes('\ufffd') && !CODING.test(text.slice(0, 400)))
    return `the file is not UTF-8 and declares no encoding (first bad byte on line ${lineOf(text, text.indexOf('\ufffd'))}), so Python refuses to load it; save it as UTF-8`;
  return undefined;
}

/** PEP 263: `# -*- coding: latin-1 -*-` on one of the first two lines. */
const CODING = /^(?:[^\n]*\n)?[ \t\f]*#[^\n]*coding[:=][ \t]*[-\w.]+/;

function lineOf(text: string, offset: number): number {
  return new LineIndex(text).position(offset).line + 1;
}

/** A version-folder `.py` file that cannot be read as source: not a migration, one syntax error. */
export function unusablePythonModule(path: string, text: string, reason: string): MigrationModule {
  return { path, isMigration: false, header: {}, syntaxError: { value: reason, range: firstLine(text) } };
}

/** A `.sql` migration file that cannot be read: one unread-SQL op on its first line. */
export function unusableSqlOps(text: string, reason: string): SchemaOp[] {
  return [unread(firstLine(text), reason)];
}

function firstLine(text: string): Range {
  const nl = text.indexOf('\n');
  const end = Math.min(nl === -1 ? text.length : nl, 200);
  return { start: { line: 0, character: 0 }, end: { line: 0, character: end } };
}

/**
 * The whole file is unusable, so the finding sits on its first line (where a suppression comment
 * or a marker can be written, which a binary line rarely allows); the message names the first
 * NUL's line.
 */
function place(text: string): { range: Range; nulLine: number } {
  const lines = new LineIndex(text);
  return { range: lines.lineRange(0), nulLine: lines.position(text.indexOf('\u0000')).line + 1 };
}

/** A version-folder `.py` file holding NUL bytes: not a migration, one syntax error. */
export function binaryPythonModule(path: string, text: string): MigrationModule {
  const { range, nulLine } = place(text);
  return {
    path,
    isMigration: false,
    header: {},
    syntaxError: {
      value: `the file contains NUL bytes (binary content, not Python source), so Python cannot load it (first on line ${nulLine})`,
      range,
    },
  };
}

/**
 * A `.sql` migration file holding NUL bytes: one refused op (a MIG030 error) on its first line.
 * What runs of such a file depends on the runner, and none runs what a reader sees: psql keeps
 * the bytes of a line before its NUL and drops the rest of that buffer (the line's end too, so two
 * lines join), a Go or Python runner sends the text to PostgreSQL, which refuses a NUL. Judging
 * it would judge text that is not what runs, so it is said instead, whoever made the change.
 */
export function binarySqlOps(text: string): SchemaOp[] {
  const { range, nulLine } = place(text);
  return [
    {
      ...unread(
        range,
        `This file contains NUL bytes (binary content, not SQL text; first on line ${nulLine}): psql drops what follows a NUL on its line and other runners have PostgreSQL refuse it, so what runs cannot be judged; save the migration as plain text without NUL bytes.`,
      ),
      refused: true,
    },
  ];
}
