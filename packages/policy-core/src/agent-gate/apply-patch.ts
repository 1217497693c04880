/**
 * Codex's `apply_patch` text read into the files it changes. The gate must see exactly the files
 * Codex will touch, so this follows Codex's own (lenient) parser line for line, not the grammar
 * its prompt shows: openai/codex `codex-rs/apply-patch/src/parser.rs` @0e0fb63d
 * (`parse_patch_text`, `parse_one_hunk`, `parse_update_file_chunk`). Where Codex accepts a patch
 * this reads the same files, hunks and lines; where Codex rejects one this returns why (the tool
 * would fail anyway, and the gate refuses what it cannot read). A patch past the size limits is
 * refused unread.
 */
import { LIMITS } from '../limits.js';
import { quoted } from './reason-text.js';
import type { PatchFile, PatchHunk } from './tool-call.js';

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const EOF = '*** End of File';

/** The files a patch changes, in order, or why it cannot be read (one sentence). */
export function parseApplyPatch(text: string): PatchFile[] | string {
  if (text.length > LIMITS.agentGate.textChars) {
    return `the patch has ${text.length} characters, past the limit of ${LIMITS.agentGate.textChars}`;
  }
  const body = patchBody(rustLines(rustTrim(text)));
  if (typeof body === 'string') return body;
  const files: PatchFile[] = [];
  let at = 0;
  while (at < body.length) {
    if (files.length >= LIMITS.agentGate.patchFiles) {
      return `the patch changes more than ${LIMITS.agentGate.patchFiles} files`;
    }
    const read = fileOp(body, at);
    if (typeof read === 'string') return `line ${at + 2}: ${read}`;
    files.push(read.file);
    at = read.next;
  }
  return files;
}

/**
 * Rust's `str::trim`: Unicode White_Space at both ends. Not JavaScript's `trim`, which keeps
 * U+0085 and removes U+FEFF: `*** Add File: x\u0085` names `x` to Codex, and the gate must judge
 * `x`, not a file nobody writes. A scan, not a regular expression: `[ws]+$` tries every start in
 * a run of spaces, and a patch line of 150,000 spaces before an `x` held the hook for a minute,
 * past the agent's hook timeout, which lets the call run.
 */
export function rustTrim(text: string): string {
  let start = 0;
  while (start < text.length && isRustSpace(text, start)) start++;
  return text.slice(start, trimmedEnd(text, start));
}

/** Rust's `str::trim_end`: Unicode White_Space at the end only. */
export function rustTrimEnd(text: string): string {
  return text.slice(0, trimmedEnd(text, 0));
}

function trimmedEnd(text: string, start: number): number {
  let end = text.length;
  while (end > start && isRustSpace(text, end - 1)) end--;
  return end;
}

/** Rust's `char::is_whitespace` (White_Space: all of it in the Basic Multilingual Plane). */
function isRustSpace(text: string, at: number): boolean {
  return RUST_SPACE.test(text[at] as string);
}

const RUST_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * Rust's `str::lines`: split at `\n`, drop one `\r` before it, and no empty last line after a
 * final newline (the text is trimmed first, so there is none).
 */
function rustLines(text: string): string[] {
  if (text === '') return [];
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * The lines between `*** Begin Patch` and `*** End Patch` (both compared trimmed). Like Codex in
 * its lenient mode, a patch wrapped in a heredoc (`<<'EOF'` … `EOF`, as models write it for a
 * shell) is unwrapped first when it is not a patch as it stands.
 */
function patchBody(lines: string[]): string[] | string {
  const strict = bounded(lines);
  if (typeof strict !== 'string') return strict;
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (
    lines.length >= 4 &&
    (first === '<<EOF' || first === "<<'EOF'" || first === '<<"EOF"') &&
    last?.endsWith('EOF')
  ) {
    return bounded(lines.slice(1, -1));
  }
  return strict;
}

function bounded(lines: string[]): string[] | string {
  if (rustTrim(lines[0] ?? '') !== BEGIN) return "the first line of the patch must be '*** Begin Patch'";
  if (lines.length < 2 || rustTrim(lines[lines.length - 1] ?? '') !== END) {
    return "the last line of the patch must be '*** End Patch'";
  }
  return lines.slice(1, -1);
}

/** One `*** Add/Delete/Update File:` section from `at`, and where the next one starts. */
function fileOp(lines: string[], at: number): { file: PatchFile; next: number } | string {
  const header = rustTrim(lines[at] ?? '');
  if (header.startsWith(ADD)) {
    const content: string[] = [];
    let next = at + 1;
    for (; next < lines.length && lines[next]?.startsWith('+'); next++) content.push(lines[next]!.slice(1));
    // Codex ends every added line with a newline, the last one too.
    return {
      file: { op: 'add', path: header.slice(ADD.length), content: content.map((l) => `${l}\n`).join('') },
      next,
    };
  }
  if (header.startsWith(DELETE))
    return { file: { op: 'delete', path: header.slice(DELETE.length) }, next: at + 1 };
  if (header.startsWith(UPDATE)) return updateOp(lines, at, header.slice(UPDATE.length));
  return `${quoted(header)} is not a valid file header ('*** Add File: ', '*** Delete File: ' or '*** Update File: ' and a path)`;
}

function updateOp(lines: string[], at: number, path: string): { file: PatchFile; next: number } | string {
  let next = at + 1;
  // The move line is matched as it stands (untrimmed), as Codex does.
  const moveLine = lines[next];
  const moveTo = moveLine?.startsWith(MOVE) ? moveLine.slice(MOVE.length) : undefined;
  if (moveTo === '') return `the move of ${quoted(path)} names no path`;
  if (moveTo !== undefined) next++;
  const hunks: PatchHunk[] = [];
  while (next < lines.length) {
    const line = lines[next]!;
    if (rustTrim(line) === '') {
      next++;
      continue;
    }
    if (line.startsWith('*')) break;
    const hunk = readHunk(lines, next, hunks.length === 0);
    if (typeof hunk === 'string') return hunk;
    hunks.push(hunk.hunk);
    next = hunk.next;
  }
  if (hunks.length === 0) return `the update of ${quoted(path)} has no hunks`;
  const file: PatchFile =
    moveTo === undefined ? { op: 'update', path, hunks } : { op: 'update', path, hunks, moveTo };
  return { file, next };
}

/**
 * One hunk: an optional `@@` / `@@ anchor` line (only the file's first hunk may omit it), then
 * context (` ` or an empty line), removed (`-`) and added (`+`) lines, up to `*** End of File`
 * or the first line that is none of those.
 */
function readHunk(lines: string[], at: number, first: boolean): { hunk: PatchHunk; next: number } | string {
  const head = lines[at]!;
  let anchor: string | undefined;
  let next = at;
  if (head === '@@') next++;
  else if (head.startsWith('@@ ')) {
    anchor = head.slice(3);
    next++;
  } else if (!first) return `a hunk must start with '@@', not ${quoted(head)}`;
  const hunk: PatchHunk = anchor === undefined ? { lines: [] } : { anchor, lines: [] };
  for (; next < lines.length; next++) {
    const line = lines[next]!;
    if (line === EOF) {
      if (hunk.lines.length === 0) break;
      hunk.endOfFile = true;
      next++;
      break;
    }
    const kind =
      line === '' || line[0] === ' '
        ? 'context'
        : line[0] === '-'
          ? 'remove'
          : line[0] === '+'
            ? 'add'
            : undefined;
    if (kind === undefined) break;
    hunk.lines.push({ kind, text: line.slice(1) });
  }
  if (hunk.lines.length === 0) {
    const found = lines[next];
    return found === undefined || found === EOF
      ? 'a hunk has no lines'
      : `unexpected line in a hunk: ${quoted(found)} (each line starts with ' ', '-' or '+')`;
  }
  return { hunk, next };
}
