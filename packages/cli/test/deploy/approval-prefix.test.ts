import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { approvesSha, requireApproval } from '../../src/deploy/approval.js';

const SHA = 'ef00a10076a9c3b2d1e0f9a8b7c6d5e4f3a2b1c0';

describe('approvesSha: any prefix of 7 or more hex characters, any case, trimmed', () => {
  it('accepts the short, the 12-character and the full SHA', () => {
    for (const typed of ['ef00a10', 'ef00a10076a9', SHA, ` ${SHA.toUpperCase()} `, '\tEF00A1007\t']) {
      expect(approvesSha(typed, SHA), JSON.stringify(typed)).toBe(true);
    }
  });

  it('refuses shorter answers, other SHAs, non-hex and anything past the SHA', () => {
    for (const typed of [
      '',
      'ef00a1',
      'ef00a11',
      'ef00a10076a8',
      `${SHA}0`,
      'ef00a10 yes',
      'ef00-a10',
      'y',
    ]) {
      expect(approvesSha(typed, SHA), JSON.stringify(typed)).toBe(false);
    }
  });

  it('the prompt approves with the 12-character form and still refuses 6 characters', async () => {
    const ask = (typed: string) => {
      const stdin = new PassThrough();
      stdin.end(`${typed}\n`);
      return requireApproval(
        { yes: false, interactive: true, stdin, out: new PassThrough() },
        'promote',
        SHA,
        'ada',
      );
    };
    await expect(ask('EF00A10076A9')).resolves.toBe('ada');
    await expect(ask('ef00a1')).rejects.toThrow('not approved (expected ef00a10, "ef00a1" was typed)');
  });
});
