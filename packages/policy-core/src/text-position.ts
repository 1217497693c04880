import type { Position, Range } from './finding.js';
import { firstIndex } from './first-index.js';

/**
 * Maps string offsets (UTF-16 code units, as JavaScript indexes strings) to 0-based line and
 * character positions. Build once per text; lookups are a binary search.
 * Lines end at "\n"; a "\r" before it belongs to the line's text, as LSP counts it.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offsets outside the text (a parser's error "just past the end") are clamped to it. */
  position(offset: number): Position {
    if (offset > this.text.length) offset = this.text.length;
    else if (!(offset >= 0)) offset = 0;
    // starts[0] is 0 and offset is not below it: the line is the last start at or before it.
    const line = firstIndex(this.starts, (s) => s > offset) - 1;
    return { line, character: offset - (this.starts[line] as number) };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  offset(position: Position): number {
    const start = this.starts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Text of one line without its line terminator ("\n" or "\r\n"). */
  lineText(line: number): string {
    const start = this.starts[line];
    if (start === undefined) return '';
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end -= 1;
    return this.text.slice(start, end);
  }

  /** Range of a whole line's text (without terminator). */
  lineRange(line: number): Range {
    const text = this.lineText(line);
    return { start: { line, character: 0 }, end: { line, character: text.length } };
  }
}

/** Whether two positions are the same place. */
export function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** A position as a map key: equal keys, samePosition. */
export function positionKey(p: Position): string {
  return `${p.line}:${p.character}`;
}

/** A range as a map key: equal keys, sameRange. */
export function rangeKey(r: Range): string {
  return `${positionKey(r.start)}-${positionKey(r.end)}`;
}

/** Whether two ranges cover the same text (start and end alike). */
export function sameRange(a: Range, b: Range): boolean {
  return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}
