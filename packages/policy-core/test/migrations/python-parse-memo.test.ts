import { describe, expect, it } from 'vitest';
import { initPythonParser, parsePythonText } from '../../src/migrations/python-parser.js';

// A check parses a migration for its module facts and again for each fix of its findings:
// the second asking must find the first tree (python-parser.ts keeps the texts parsed last).
describe('a text parsed again', () => {
  it('is the tree parsed before, not a second parse', async () => {
    await initPythonParser();
    const text = 'from alembic import op\n\ndef upgrade():\n    op.drop_table("t")\n';
    const first = parsePythonText(text);
    parsePythonText('x = 1\n');
    expect(parsePythonText(`${text}`)).toBe(first);
    expect(parsePythonText(`${text}# more\n`)).not.toBe(first);
  });
});
