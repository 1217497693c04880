import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployFixture } from './helpers/deploy-repo.js';
import { startCliInPty } from './helpers/pty-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

/**
 * The prompt asks for the short SHA, but every other line Slipway prints shows 12 characters
 * (and people paste the full SHA): any prefix of 7 or more hex characters approves, in any case,
 * with surrounding blanks trimmed. Anything shorter, or not the SHA's own prefix, is refused.
 */
describe('the approval prompt takes any prefix of the SHA of 7 or more characters', () => {
  let f: DeployFixture;
  let sha1 = '';

  const pty = (...args: string[]) => startCliInPty(args, { cwd: f.repo.dir, env: f.env });

  /** Promotes `sha` to production answering the prompt with `typed`; resolves to the run. */
  async function answer(sha: string, typed: string) {
    const run = pty('promote', sha, '--env', 'production');
    await run.waitFor(`type ${sha.slice(0, 7)} to approve: `);
    run.type(typed);
    return run.done;
  }

  beforeAll(async () => {
    ({ f, v1: sha1 } = await shipped());
  });
  afterAll(() => f.dispose());

  it('refuses 6 characters, a wrong 12-character SHA and a prefix with one character changed', async () => {
    const sha2 = await f.release('v2', 'staging');
    const wrongLast = `${sha2.slice(0, 11)}${sha2[11] === '0' ? '1' : '0'}`;
    for (const typed of [sha2.slice(0, 6), sha1.slice(0, 12), wrongLast, `${sha2}0`]) {
      const requests = f.requests();
      const r = await answer(sha2, typed);
      expect(r.code, typed).toBe(1);
      expect(r.stdout).toContain(
        `not approved (expected ${sha2.slice(0, 7)}, "${typed.slice(0, 40)}" was typed); nothing was deployed.`,
      );
      expect(f.requests()).toEqual(requests);
      expect(f.record()?.last_good_sha).toBe(sha1);
    }
  });

  it('approves the 12-character form every other line prints, in capitals, with blanks around it', async () => {
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    const r = await answer(sha, `  ${sha.slice(0, 12).toUpperCase()}\t`);
    expect(r.code, r.stdout).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy production ${sha}`);
    expect(f.record()?.last_good_sha).toBe(sha);
  });

  it('approves the full SHA, pasted', async () => {
    const sha3 = await f.release('v3', 'staging');
    const r = await answer(sha3, sha3);
    expect(r.code, r.stdout).toBe(0);
    expect(f.record()?.last_good_sha).toBe(sha3);
  });
});
