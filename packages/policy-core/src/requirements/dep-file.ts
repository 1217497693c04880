import { LIMITS, linesPast, megabytes } from '../limits.js';
import type { Position, Range } from '../finding.js';
import type { RequirementsFile } from './requirements-file.js';
import type { RepoView } from '../repo.js';
import { LineIndex } from '../text-position.js';
import { firstIndex } from '../first-index.js';
import { dirnameSlash, joinRepoPath } from '../repo-paths.js';

/** Past this distance from a parsed line, a position is looked up in a full line index. */
const NEAR = 4096;

/** A requirements-style file the DEP family read, parsed, with its line index built on demand. */
export class DepFile {
  private index: LineIndex | undefined;
  constructor(
    readonly path: string,
    readonly text: string,
    readonly parsed: RequirementsFile,
  ) {}
  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
  /**
   * The position of an offset, counted from the nearest parsed line before it (whose first
   * physical line is known) when no line index exists yet: a re-check of an edited 5,000-line
   * file reports a finding or two, and indexing every line of the new text for them would cost
   * more than the rest of the check.
   */
  position(offset: number): Position {
    // Clamped to the text, as LineIndex does.
    if (offset > this.text.length) offset = this.text.length;
    else if (!(offset >= 0)) offset = 0;
    const lines = this.parsed.lines;
    if (this.index || lines.length === 0) return this.lines.position(offset);
    const anchor = lines[firstIndex(lines, (l) => l.start > offset) - 1];
    if (!anchor || offset - anchor.start > NEAR) return this.lines.position(offset);
    const text = this.text;
    let line = anchor.firstLine;
    for (let i = text.indexOf('\n', anchor.start); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
      line++;
    const lineStart = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    return { line, character: offset - lineStart };
  }
}

/** Past this, a file is not a requirements file anyone edits: say so instead of parsing it. */
export const MAX_FILE_CHARS = LIMITS.requirements.chars;

export type ReadResult =
  | { text: string }
  | { problem: 'missing' | 'directory' | 'binary' | 'too-large'; detail: string };

/**
 * Reads a dependency file, or says why it cannot be used. `parsedText` is the text already
 * parsed under this path, if any: it passed the checks below before (the lock, on a re-check).
 */
export function readDepText(repo: RepoView, path: string, parsedText?: string): ReadResult {
  const text = repo.readFile(path);
  if (text === undefined) {
    const refused = repo.whyUnread?.(path);
    if (refused !== undefined) return { problem: 'binary', detail: refused };
    const prefix = `${path}/`;
    if (repo.listFiles().some((f) => f.startsWith(prefix)))
      return { problem: 'directory', detail: `${path} is a directory, not a file` };
    return { problem: 'missing', detail: `${path} does not exist` };
  }
  if (parsedText === text) return { text };
  if (text.length > MAX_FILE_CHARS)
    return {
      problem: 'too-large',
      detail: `${path} is ${megabytes(text.length)}, more than the ${megabytes(MAX_FILE_CHARS)} Slipway reads of one requirements file or lock, so it was not checked; split it into files joined with \`-r\``,
    };
  const maxLines = LIMITS.requirements.lines;
  if (linesPast(text, maxLines))
    return {
      problem: 'too-large',
      detail: `${path} has more than ${maxLines.toLocaleString('en-US')} lines, the most Slipway reads of one requirements file or lock, so it was not checked; split it into files joined with \`-r\``,
    };
  const probe = text.length > 65536 ? text.slice(0, 65536) : text;
  if (probe.includes('\u0000') || text.includes('\ufffd'))
    return {
      problem: 'binary',
      detail: `${path} is not UTF-8 text (binary or another encoding); save it as UTF-8`,
    };
  return { text };
}

/** Repo-relative POSIX join of an include target with its referring file's directory; undefined when it escapes. */
export function resolveInclude(from: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target)) return undefined;
  return joinRepoPath(dirnameSlash(from), target);
}
