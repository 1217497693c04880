import { describe, expect, it } from 'vitest';
import { brief, check, ofRule } from './helpers.js';

const POLICY =
  'version: 1\ndependencies:\n  requirements: backend/requirements.txt\n  lock: backend/requirements.lock\n';
const LOCK = 'fastapi==0.110.0\n';

describe('bad input never crashes or hangs', () => {
  it('a binary requirements file is one DEP008 at the policy line naming it', () => {
    const f = check({
      'slipway.yaml': POLICY,
      'backend/requirements.txt': '\u0000\u0001PK\u0003\u0004',
      'backend/requirements.lock': LOCK,
    }).findings;
    expect(brief(ofRule(f, 'DEP008'))).toEqual(['DEP008 slipway.yaml:2:16-40']);
    expect(ofRule(f, 'DEP008')[0]?.message).toBe(
      'backend/requirements.txt is not UTF-8 text (binary or another encoding); save it as UTF-8.',
    );
  });

  it('a lock that is not UTF-8 (decoded with replacement characters) is DEP008 at the lock line', () => {
    const f = check({
      'slipway.yaml': POLICY,
      'backend/requirements.txt': 'fastapi==0.110.0\n',
      'backend/requirements.lock': 'fastapi==0.110.0\n\ufffd\ufffd\n',
    }).findings;
    expect(brief(f)).toEqual(['DEP008 slipway.yaml:3:8-33']);
  });

  it('a 50 MB file is refused with its size', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const f = check({
      'slipway.yaml': POLICY,
      'backend/requirements.txt': `-r big.txt\nfastapi==0.110.0\n`,
      'backend/big.txt': big,
      'backend/requirements.lock': LOCK,
    }).findings;
    expect(f.map((x) => x.message)).toEqual([
      'backend/big.txt is 50 MB, more than the 16 MB Slipway reads of one requirements file or lock, so it was not checked; split it into files joined with `-r`.',
    ]);
    expect(brief(f)).toEqual(['DEP008 backend/requirements.txt:0:3-10']);
  });

  it('an include cycle through the file itself, and a long include chain, end with DEP010', () => {
    const self = check({
      'slipway.yaml': POLICY,
      'backend/requirements.txt': '-r ./requirements.txt\nfastapi==0.110.0\n',
      'backend/requirements.lock': LOCK,
    }).findings;
    expect(self.map((x) => x.message)).toEqual([
      'include cycle backend/requirements.txt → backend/requirements.txt: pip would read these files forever; remove one of the includes.',
    ]);
    const chain: Record<string, string> = {
      'slipway.yaml': POLICY,
      'backend/requirements.txt': '-r r0.txt\nfastapi==0.110.0\n',
      'backend/requirements.lock': LOCK,
    };
    for (let i = 0; i < 40; i++) chain[`backend/r${i}.txt`] = `-r r${i + 1}.txt\n`;
    const deep = ofRule(check(chain).findings, 'DEP010');
    expect(deep).toHaveLength(1);
    expect(deep[0]?.message).toMatch(/^includes nest deeper than 32 files/);
  });

  it('pathological lines: deep parentheses, a megabyte line, thousands of continuations', () => {
    const deep = `foo==1 ; ${'('.repeat(20000)}os_name == "nt"${')'.repeat(20000)}`;
    const long = `bar==${'1.'.repeat(300000)}0`;
    const cont = `baz==1.0 ${'\\\n  '.repeat(20000)}--hash=sha256:aa`;
    const f = check({
      'slipway.yaml': POLICY,
      'backend/requirements.txt': `${deep}\n${long}\n${cont}\n`,
      'backend/requirements.lock': 'foo==1\nbaz==1.0\n',
    }).findings;
    expect(ofRule(f, 'DEP008').map((x) => x.message)).toEqual([
      'pip would reject this line: not a valid requirement: marker parentheses nest too deeply.',
    ]);
    expect(brief(ofRule(f, 'DEP003'))).toEqual(['DEP003 backend/requirements.txt:1:0-3']);
  });

  it('a missing requirements file is DEP010 at the policy line', () => {
    const f = check({ 'slipway.yaml': POLICY, 'backend/requirements.lock': LOCK }).findings;
    expect(brief(ofRule(f, 'DEP010'))).toEqual(['DEP010 slipway.yaml:2:16-40']);
  });

  it('CRLF, a BOM, tabs and trailing spaces read like plain lines', () => {
    const f = check({
      'slipway.yaml': POLICY,
      'backend/requirements.txt': '\ufefffastapi==0.110.0\t \r\nrequests == 2.31.0  \r\n',
      'backend/requirements.lock': 'fastapi==0.110.0\r\nrequests==2.31.0\r\n',
    }).findings;
    expect(f).toEqual([]);
  });

  it('$VAR references expand from the check environment', () => {
    const files = {
      'slipway.yaml': POLICY,
      'backend/requirements.txt': `fastapi==$${'{'}FASTAPI_VERSION}\n`,
      'backend/requirements.lock': LOCK,
    };
    expect(check(files, { env: { FASTAPI_VERSION: '0.110.0' } }).findings).toEqual([]);
    expect(brief(check(files, { env: { FASTAPI_VERSION: '0.111.0' } }).findings)).toEqual([
      'DEP004 backend/requirements.txt:0:9-27',
    ]);
  });
});
