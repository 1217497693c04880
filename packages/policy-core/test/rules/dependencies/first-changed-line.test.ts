import { describe, expect, it } from 'vitest';
import { firstChangedLine } from '../../../src/rules/dependencies/facts/first-changed-line.js';

const line = (before: string | undefined, after: string) => {
  const r = firstChangedLine(before, after);
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
};

describe('firstChangedLine', () => {
  it('is the first line of a new file', () => {
    expect(line(undefined, 'a==1\nb==2\n')).toBe('0:0-0:4');
  });
  it('is the first line that differs, whole', () => {
    expect(line('a==1\nb==2\nc==3\n', 'a==1\nb==2.1\nc==3\n')).toBe('1:0-1:6');
  });
  it('is the added line when lines were appended', () => {
    expect(line('a==1\n', 'a==1\nb==2\n')).toBe('1:0-1:4');
  });
  it('is the last remaining line when lines were removed at the end', () => {
    expect(line('a==1\nb==2\nc==3\n', 'a==1\nb==2\n')).toBe('1:0-1:4');
  });
  it('stays within the file for an emptied file and an unchanged one', () => {
    expect(line('a==1\n', '')).toBe('0:0-0:0');
    expect(line('a==1\n', 'a==1\n')).toBe('0:0-0:4');
  });
});
