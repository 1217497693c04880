import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, initRepo } from './git-fixture.js';

const scratch = mkdtempSync(join(tmpdir(), 'slipway-git-error-'));
afterAll(() => {
  cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the line a failed git is reported by', () => {
  it('is git’s own error, not the graft hint the empty graft file would print first', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'one');
    const add = ['worktree', 'add', '--detach', join(scratch, 'wt'), 'HEAD~1:nope'];
    // As Slipway runs it: the advice is off, git says only what failed.
    const plain = await runGit(dir, add, { okCodes: [128] });
    expect(plain.stderr).not.toContain('hint:');
    // With the advice turned back on, the hint comes first and the message still skips it.
    const hinted = runGit(dir, ['-c', 'advice.graftFileDeprecated=true', ...add]);
    await expect(hinted).rejects.toThrow('git -c failed: invalid reference: HEAD~1:nope');
  });
});
