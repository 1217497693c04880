import { describe, expect, it } from 'vitest';
import { parseGpgStatus, parseSshStatus } from '../../src/update/verify-signature.js';

const FPR = '0FD46BBDA1A3C8C54F381975A71A7D99AD94ADAB';
const SUB = '1111111111111111111111111111111111111111';

describe('parseGpgStatus (git verify-tag --raw)', () => {
  it('reads the signing and primary fingerprints from VALIDSIG', () => {
    const stderr = [
      '[GNUPG:] NEWSIG',
      '[GNUPG:] GOODSIG A71A7D99AD94ADAB release <release@example.test>',
      `[GNUPG:] VALIDSIG ${SUB} 2026-11-22 1795000000 0 4 0 22 10 00 ${FPR}`,
      '[GNUPG:] TRUST_UNDEFINED 0 pgp',
    ].join('\n');
    expect(parseGpgStatus(stderr, true)).toEqual({ status: 'good', fingerprints: [SUB, FPR] });
  });

  it('never reports good when git failed, or on BADSIG / expired / revoked keys', () => {
    expect(parseGpgStatus(`[GNUPG:] VALIDSIG ${FPR} x x x x x x x x ${FPR}`, false).status).not.toBe('good');
    expect(parseGpgStatus('[GNUPG:] BADSIG A71A7D99AD94ADAB release', false)).toEqual({
      status: 'bad',
      detail: 'BADSIG A71A7D99AD94ADAB',
    });
    expect(
      parseGpgStatus(`[GNUPG:] EXPKEYSIG A71A7D99AD94ADAB r\n[GNUPG:] VALIDSIG ${FPR}`, true).status,
    ).toBe('bad');
    expect(parseGpgStatus('[GNUPG:] REVKEYSIG A71A7D99AD94ADAB r', true).status).toBe('bad');
  });

  it('tells a missing key from a missing signature', () => {
    expect(
      parseGpgStatus(
        '[GNUPG:] ERRSIG A71A7D99AD94ADAB 22 10 00 1795000000 9 -\n[GNUPG:] NO_PUBKEY A71A7D99AD94ADAB',
        false,
      ),
    ).toEqual({
      status: 'unknown-key',
      detail: 'key A71A7D99AD94ADAB not in the keyring',
    });
    expect(parseGpgStatus('error: no signature found\n', false)).toEqual({ status: 'missing' });
  });
});

describe('parseSshStatus (ssh-keygen through git)', () => {
  const KEY = 'SHA256:hb6+3SW8HeXKS5nBc7aqa2+HCaoPAOlajE491/OEf84';
  it('a principal matched in allowed_signers_file is trusted', () => {
    expect(
      parseSshStatus(`Good "git" signature for release@example.test with ED25519 key ${KEY}\n`, true),
    ).toEqual({
      status: 'good',
      fingerprints: [KEY],
      sshPrincipal: 'release@example.test',
    });
  });

  it('a valid signature by an unlisted key has no principal', () => {
    const stderr = `Good "git" signature with ED25519 key ${KEY}\nNo principal matched.\n`;
    expect(parseSshStatus(stderr, false)).toEqual({ status: 'good', fingerprints: [KEY] });
  });

  it('an SSH signature without allowed_signers_file cannot be checked; GPG output is not SSH', () => {
    expect(
      parseSshStatus(
        'error: gpg.ssh.allowedSignersFile needs to be configured and exist for ssh signature verification',
        false,
      )?.status,
    ).toBe('unknown-key');
    expect(parseSshStatus('[GNUPG:] NEWSIG\n', true)).toBeUndefined();
  });
});
