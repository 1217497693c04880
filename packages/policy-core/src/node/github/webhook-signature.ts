import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether a delivery's `X-Hub-Signature-256` header (`sha256=` and the hex HMAC-SHA256 of the raw
 * body under the webhook secret) is GitHub's. Compared in constant time over the bytes as they
 * arrived: a body parsed and serialised again would not be what GitHub signed.
 */
export function webhookSignatureValid(
  secret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): boolean {
  if (!secret || header === undefined) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(m[1] as string, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header GitHub would send for `rawBody` (what a test or a relay signs with). */
export function webhookSignature(secret: string, rawBody: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
