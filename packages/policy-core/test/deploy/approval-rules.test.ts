import { describe, expect, it } from 'vitest';
import { approvedActor, approvesSha, wrongAnswerMessage } from '../../src/deploy/flow/approval-rules.js';

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

  it('says what was expected and what was typed when it refuses', () => {
    expect(wrongAnswerMessage('ef00a1', SHA)).toBe(
      'not approved (expected ef00a10, "ef00a1" was typed); nothing was deployed.',
    );
    expect(wrongAnswerMessage('  ', SHA)).toBe(
      'not approved (expected ef00a10, nothing was typed); nothing was deployed.',
    );
  });
});

describe('approvedActor', () => {
  it('names a person after the approver and keeps a machine beside its approver', () => {
    expect(approvedActor({ name: 'ada', kind: 'human' }, 'Bo')).toEqual({ name: 'Bo', kind: 'human' });
    expect(approvedActor({ name: 'bot', kind: 'agent' }, 'Bo')).toEqual({
      name: 'bot, approved by Bo',
      kind: 'agent',
    });
  });
});
