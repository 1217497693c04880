import { createHash } from 'node:crypto';
import { sha256Bytes, sha256Hex } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

describe('pure sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on every length across block boundaries and on non-ASCII text', () => {
    for (let n = 0; n < 300; n++) {
      const text = 'é€x'.repeat(n).slice(0, n);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('hashes text with lone surrogates as their U+FFFD replacement, as node:crypto does', () => {
    // A path read from git with non-UTF-8 bytes carries lone surrogates; the digest must still
    // match the Node adapter's byte for byte.
    for (const text of ['\udc80', 'a\ud800b', '\udfff\ud800']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('hashes raw bytes, including a million of them across many blocks', () => {
    const bytes = new Uint8Array(1_000_000).map((_, i) => (i * 31) & 0xff);
    expect(sha256Bytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
