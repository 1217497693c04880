/**
 * Polls the health URL until it answers 2xx or the time runs out. Each request gets at most
 * the time that is left (and never more than 5 s), so a hanging endpoint cannot stretch the wait.
 */
export interface HealthResult {
  ok: boolean;
  /** Last status code or connection error, for the failure message. */
  last: string;
  attempts: number;
}

const POLL_MS = 250;

export async function waitHealthy(url: string, timeoutSeconds: number): Promise<HealthResult> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = 'no answer';
  let attempts = 0;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, last, attempts };
    attempts += 1;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(5000, left))),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, last: `HTTP ${res.status}`, attempts };
      last = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      last = cause ?? (err as Error).name ?? 'error';
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}
