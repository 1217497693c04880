import { PassThrough } from 'node:stream';
import type { ApprovalRequest } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { terminalApprove } from '../../src/deploy/approval.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const request: ApprovalRequest = {
  action: 'promote',
  what: 'promote 0123456789ab to production',
  environment: 'production',
  sha: SHA,
  expect: '0123456',
};

function prompt(typed: string | undefined, timeoutMs?: number) {
  const stdin = new PassThrough();
  if (typed !== undefined) stdin.end(`${typed}\n`);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => {
    text += c.toString('utf8');
  });
  const midLine = { value: false };
  const ask = terminalApprove({ stdin, out, midLine, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  return { answer: ask(request), text: () => text, midLine };
}

describe('terminalApprove (the CLI approve callback)', () => {
  it('asks for the short SHA and hands back what was typed (the deploy layer judges it)', async () => {
    const p = prompt('0123456789AB');
    await expect(p.answer).resolves.toEqual({ approved: true, typed: '0123456789AB' });
    expect(p.text()).toBe('promote 0123456789ab to production: type 0123456 to approve: ');
  });

  it('a closed stdin is an empty answer, which approves nothing', async () => {
    const stdin = new PassThrough();
    stdin.end();
    const ask = terminalApprove({ stdin, out: new PassThrough(), midLine: { value: false } });
    await expect(ask(request)).resolves.toEqual({ approved: true, typed: '' });
  });

  it('no answer within the timeout is a refusal that says how long it waited', async () => {
    const p = prompt(undefined, 50);
    await expect(p.answer).resolves.toEqual({ approved: false, reason: 'no answer within 50 ms' });
    expect(p.text()).toMatch(/to approve: \n$/);
  });
});
