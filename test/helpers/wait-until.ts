/**
 * Polls `condition` until it holds, then returns; throws naming `what` after `limitMs`. The limit
 * is a generous bound for a condition that must come, not a speed target: on a loaded 2-core
 * machine a child process may take seconds to start, so tests wait for what they need to see
 * instead of sleeping a guess.
 */
export async function waitUntil(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${limitMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
