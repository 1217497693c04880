import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A file tool's delete that names a folder (Cursor's Delete names one as it names a file; which
// tools remove a folder whole is their own code's business): judged as the path alone, the
// protected files under it went unseen, and the repository's own folder, judged from the folder
// above it where no policy is, was let through.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  'core/models.py': 'x = 1\n',
  '.github/workflows/ci.yml': 'on: push\n',
  'docs/a.md': '# A\n',
});

const remove = (rel: string): string => session.cursorDelete(rel);

describe('slipway hook: a folder deleted by a file tool', () => {
  it('is judged as every file under it', () => {
    expect(remove('core')).toMatch(/^ask .*PATH003.*core\/models\.py/);
    expect(remove('.github')).toMatch(/^deny .*PATH004.*\.github\/workflows\/ci\.yml/);
  });

  it('the repository’s own folder is refused', () => {
    expect(remove('')).toMatch(/^deny .*names the repository itself/);
  });

  it('near misses: a folder of files the policy leaves alone, one file of it', () => {
    expect(remove('docs')).toBe('allow');
    expect(remove('docs/a.md')).toBe('allow');
  });
});
