import { describe, expect, it } from 'vitest';
import { applyReplaceEdits } from '../../src/agent-gate/apply-edits.js';

const create = (newText: string, replaceAll?: boolean) =>
  replaceAll ? { oldText: '', newText, replaceAll } : { oldText: '', newText };

// The text a file holds after an agent's replacements, as the tool computes it; undefined where
// the tool fails and writes nothing (the gate then judges the write with its text unknown).
describe('applyReplaceEdits', () => {
  it("an empty old text creates the file with the new text, as Claude Code's Edit does", () => {
    expect(applyReplaceEdits(undefined, [create('DROP TABLE users;\n')])).toBe('DROP TABLE users;\n');
    // replace_all changes nothing: Claude takes the new text whole (getPatchForEdits).
    expect(applyReplaceEdits(undefined, [create('x\n', true)])).toBe('x\n');
  });

  it('a file holding only whitespace is replaced whole by the new text, not added to', () => {
    expect(applyReplaceEdits('', [create('DROP TABLE users;\n')])).toBe('DROP TABLE users;\n');
    expect(applyReplaceEdits(' \r\n\t\n', [create('DROP TABLE users;\n')])).toBe('DROP TABLE users;\n');
  });

  it('a file with text fails the edit (Claude refuses it: "Cannot create new file - file already exists")', () => {
    expect(applyReplaceEdits('CREATE TABLE users (id int);\n', [create('DROP TABLE users;\n')])).toBe(
      undefined,
    );
    // Near miss: a real old text in the same file is replaced.
    expect(
      applyReplaceEdits('CREATE TABLE users (id int);\n', [{ oldText: 'CREATE', newText: 'DROP' }]),
    ).toBe('DROP TABLE users (id int);\n');
  });

  it('creation is a first edit only: after it, edits apply to the created text, and an empty one fails', () => {
    expect(applyReplaceEdits(undefined, [create('a b\n'), { oldText: 'b', newText: 'c' }])).toBe('a c\n');
    expect(applyReplaceEdits(undefined, [create('a\n'), create('b\n')])).toBe(undefined);
    expect(applyReplaceEdits(undefined, [{ oldText: 'a', newText: 'b' }])).toBe(undefined);
  });
});
