import { describe, expect, it } from 'vitest';
import { applyGeminiReplace } from '../../src/agent-gate/gemini-replace.js';
import type { ReplaceEdit } from '../../src/agent-gate/tool-call.js';

const replace = (text: string | undefined, edit: ReplaceEdit, path = 'db/002.sql') =>
  applyGeminiReplace(text, [edit], path);

// The text Gemini CLI's replace leaves in a file, as its calculateEdit computes it
// (packages/core/src/tools/edit.ts); undefined where the gate cannot know it: Gemini fails the exact
// match and tries looser ones, or asks a model to correct the edit (FixLLMEditWithInstruction).
describe('applyGeminiReplace', () => {
  it('an empty old_string creates a missing file with new_string as given', () => {
    expect(replace(undefined, { oldText: '', newText: 'DROP TABLE users;\n' })).toBe('DROP TABLE users;\n');
    expect(replace(undefined, { oldText: '', newText: 'a\\nb' })).toBe('a\\nb');
  });

  it('an empty old_string on an existing file fails in Gemini, even an empty one (unlike Claude): text unknown', () => {
    expect(replace('', { oldText: '', newText: 'x' })).toBe(undefined);
    expect(replace(' \n', { oldText: '', newText: 'x' })).toBe(undefined);
    expect(replace('CREATE TABLE t (id int);\n', { oldText: '', newText: 'x' })).toBe(undefined);
  });

  it('one exact occurrence is replaced; none, or several without allow_multiple, leave the text unknown', () => {
    expect(replace('a b c\n', { oldText: 'b', newText: 'x' })).toBe('a x c\n');
    expect(replace('a b c\n', { oldText: 'z', newText: 'x' })).toBe(undefined);
    expect(replace('b b\n', { oldText: 'b', newText: 'x' })).toBe(undefined);
    expect(replace('b b\n', { oldText: 'b', newText: 'x', replaceAll: true })).toBe('x x\n');
    expect(replace(undefined, { oldText: 'b', newText: 'x' })).toBe(undefined);
  });

  it('expected_replacements (earlier releases) must be the count found', () => {
    expect(replace('b b\n', { oldText: 'b', newText: 'x', replaceAll: true, expected: 2 })).toBe('x x\n');
    expect(replace('b b b\n', { oldText: 'b', newText: 'x', replaceAll: true, expected: 2 })).toBe(undefined);
    // allow_multiple false and expected_replacements 2: no release of Gemini succeeds on both readings.
    expect(replace('b b\n', { oldText: 'b', newText: 'x', expected: 2 })).toBe(undefined);
  });

  it('old_string equal to new_string fails and goes to the model that fixes edits: text unknown, but in JSON files', () => {
    expect(replace('SELECT 1;\n', { oldText: 'SELECT 1;', newText: 'SELECT 1;' })).toBe(undefined);
    expect(replace('a\r\nb\n', { oldText: 'a\r\nb', newText: 'a\nb' })).toBe(undefined);
    // Gemini never asks the model for .json and .ipynb files: the edit fails, the file stays.
    expect(replace('{"a":1}\n', { oldText: '"a":1', newText: '"a":1' }, 'package.json')).toBe('{"a":1}\n');
  });

  it('line endings: CRLF read as LF, written back as CRLF; a trailing newline kept as the file had it', () => {
    expect(replace('a\r\nb\r\n', { oldText: 'a\nb', newText: 'c\nd' })).toBe('c\r\nd\r\n');
    expect(replace('a\nb\n', { oldText: 'b\n', newText: 'c' })).toBe('a\nc\n');
    expect(replace('a\nb', { oldText: 'b', newText: 'c\n' })).toBe('a\nc');
  });

  it('several edits are not Gemini’s: text unknown', () => {
    expect(
      applyGeminiReplace(
        'a b',
        [
          { oldText: 'a', newText: 'x' },
          { oldText: 'b', newText: 'y' },
        ],
        'x.sql',
      ),
    ).toBe(undefined);
  });
});
