import { PROTECTION_RULE_EVENT_MAX_BYTES } from '@slipway/policy-core';

/**
 * A delivery's bytes from a stream (a webhook request, stdin), or undefined as soon as they pass
 * the cap: the rest is not read into memory.
 */
export async function readCappedDelivery(stream: AsyncIterable<unknown>): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > PROTECTION_RULE_EVENT_MAX_BYTES) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
