/**
 * SHA-256 for the audit-log hash chain, from @noble/hashes (audited, no dependencies, pure
 * TypeScript). The rule engine is synchronous and runs in browsers and editors too, where
 * `crypto.subtle` is async-only and `node:crypto` is absent, so the root entry needs a pure
 * digest; Node hosts pass `nativeSha256` (`@slipway/policy-core/node`) instead, which is faster.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of the bytes, as 64 lowercase hex digits. */
export function sha256Bytes(data: Uint8Array): string {
  return bytesToHex(sha256(data));
}

/** SHA-256 of a string's UTF-8 encoding, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
