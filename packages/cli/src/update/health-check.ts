import { checkHealth } from '@slipway/policy-core/node';

/**
 * Polls the health URL until it answers 2xx or the time runs out, each attempt through the deploy
 * layer's one HTTP health check, with its defaults for a policy's health checks (up to 5
 * redirects, each hop checked). Each request gets at most the time that is left (and never more
 * than 5 s), so a hanging endpoint cannot stretch the wait.
 */
export interface HealthResult {
  ok: boolean;
  /** The last answer or why there was none ("HTTP 503", "connection refused"), for the message. */
  last: string;
  attempts: number;
}

const POLL_MS = 250;
const MAX_REQUEST_MS = 5000;
/** As `deploy.health.max_redirects` defaults to. */
const MAX_REDIRECTS = 5;

export async function waitHealthy(url: string, timeoutSeconds: number): Promise<HealthResult> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = 'no answer';
  let attempts = 0;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, last, attempts };
    attempts += 1;
    const budget = Math.max(1, Math.min(MAX_REQUEST_MS, left));
    const r = await checkHealth(url, {
      timeoutMs: budget,
      retries: 0,
      backoffMs: 0,
      maxRedirects: MAX_REDIRECTS,
    });
    if (r.ok) return { ok: true, last: r.detail, attempts };
    // A request the deadline cut short (on a busy machine the last poll may get a few ms) says
    // nothing about the service: the answer before it is the one worth reporting.
    const cutShort = budget < MAX_REQUEST_MS && Date.now() >= deadline;
    if (!cutShort || attempts === 1) last = r.detail;
    // A URL that is not http(s) will not become one by waiting.
    if (r.attempts === 0) return { ok: false, last, attempts };
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))),
    );
  }
}
