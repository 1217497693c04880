import { describe, expect, it } from 'vitest';
import { geminiSearchCandidates } from '../../src/agent-gate/gemini-path-search.js';

// Gemini CLI's correctPath (pathCorrector.ts): files of the same name whose path ends with the
// path given; the gate judges each, whichever Gemini's capped search would find first.
const LISTING = ['db/x.sql', 'app/db/x.sql', 'db/prefix_x.sql', 'x.sql.bak', 'docs/a/x.sql', 'README.md'];

describe('geminiSearchCandidates', () => {
  it('finds every file of that name ending with the path given', () => {
    expect(geminiSearchCandidates('x.sql', LISTING)).toEqual(['db/x.sql', 'app/db/x.sql', 'docs/a/x.sql']);
    expect(geminiSearchCandidates('./db/x.sql', LISTING)).toEqual(['app/db/x.sql']);
    expect(geminiSearchCandidates('db\\x.sql', LISTING)).toEqual(['app/db/x.sql']);
  });

  it('near misses: another name that ends the same, the path itself, a climb, an absolute path', () => {
    expect(geminiSearchCandidates('prefix_x.sql', ['db/x.sql'])).toEqual([]);
    expect(geminiSearchCandidates('README.md', LISTING)).toEqual([]);
    expect(geminiSearchCandidates('../x.sql', LISTING)).toEqual([]);
    expect(geminiSearchCandidates('/db/x.sql', LISTING)).toEqual([]);
    expect(geminiSearchCandidates('', LISTING)).toEqual([]);
  });
});
