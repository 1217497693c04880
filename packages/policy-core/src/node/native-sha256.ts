type Sha256 = (data: string | Uint8Array) => string;

let hashWith: Sha256 | undefined;

/**
 * node:crypto loaded on the first hash, not with the module: loading it costs a few milliseconds
 * of every `slipway check`, and most never hash (no audit log). Node ≥ 20.12 has a one-shot
 * `crypto.hash`: no Hash object per call, which on a 10,000-line audit log is a third of the
 * verification time. (Not in @types/node 20's typings yet, hence the cast.)
 */
function loadHash(): Sha256 {
  const crypto = process.getBuiltinModule('node:crypto');
  const oneShot = (
    crypto as unknown as {
      hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string;
    }
  ).hash;
  return oneShot
    ? (data) => oneShot('sha256', data, 'hex')
    : (data) =>
        typeof data === 'string'
          ? crypto.createHash('sha256').update(data, 'utf8').digest('hex')
          : crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * SHA-256 of a text's UTF-8 bytes, as hex, from node:crypto: the same digest as policy-core's
 * pure `sha256Hex` (which browsers and editors use), several times faster. Hosts pass it to
 * `runCheck` (`sha256`) so that the audit-log rules verify a long chain quickly.
 */
export const nativeSha256 = (text: string): string => {
  hashWith ??= loadHash();
  return hashWith(text);
};

/**
 * SHA-256 of bytes as they are, as hex: `nativeSha256` of a line read as bytes (the audit log
 * streamed by `slipway metrics`), without making a string of it first.
 */
export const nativeSha256OfBytes = (bytes: Uint8Array): string => {
  hashWith ??= loadHash();
  return hashWith(bytes);
};
