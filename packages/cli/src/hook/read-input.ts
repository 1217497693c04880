import type { Readable } from 'node:stream';

/** A hook's standard input is read up to this many bytes: past it the call is refused unread. */
export const MAX_HOOK_INPUT_BYTES = 160 * 1024 * 1024;

/** Standard input as text, or undefined when it passes the limit (the rest is drained, not kept). */
export async function readHookInput(stdin: Readable): Promise<{ text: string } | { tooLarge: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size <= MAX_HOOK_INPUT_BYTES) chunks.push(buf);
  }
  if (size > MAX_HOOK_INPUT_BYTES) return { tooLarge: size };
  return { text: Buffer.concat(chunks).toString('utf8') };
}
