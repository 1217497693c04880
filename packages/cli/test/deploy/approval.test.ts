import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/command.js';
import { requireApproval } from '../../src/deploy/approval.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

function input(
  typed: string | undefined,
  extra: { yes?: boolean; approvedBy?: string; interactive?: boolean } = {},
) {
  const stdin = new PassThrough();
  if (typed !== undefined) stdin.end(`${typed}\n`);
  return { yes: false, interactive: true, stdin, out: new PassThrough(), ...extra };
}

describe('requireApproval', () => {
  it('accepts the typed short SHA and rejects anything else', async () => {
    await expect(requireApproval(input('0123456'), 'promote', SHA, 'ada')).resolves.toBe('ada');
    await expect(requireApproval(input('y'), 'promote', SHA, 'ada')).rejects.toThrow(
      /^not approved \(expected 0123456, "y" was typed\); nothing was deployed\.$/,
    );
    await expect(requireApproval(input(''), 'promote', SHA, 'ada')).rejects.toBeInstanceOf(UserError);
  });

  it('needs --approved-by with --yes, and --yes without a terminal', async () => {
    await expect(requireApproval(input(undefined, { yes: true }), 'promote', SHA, 'x')).rejects.toThrow(
      /--approved-by/,
    );
    await expect(
      requireApproval(input(undefined, { yes: true, approvedBy: '  ' }), 'promote', SHA, 'x'),
    ).rejects.toThrow(/needs a human approver/);
    await expect(
      requireApproval(input(undefined, { yes: true, approvedBy: 'Bo' }), 'promote', SHA, 'x'),
    ).resolves.toBe('Bo');
    await expect(
      requireApproval(input(undefined, { interactive: false }), 'promote', SHA, 'x'),
    ).rejects.toThrow(/--yes --approved-by NAME/);
  });
});
