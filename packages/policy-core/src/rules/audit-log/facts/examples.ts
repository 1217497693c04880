/**
 * The deploy story the AUD and REC rules' docs examples tell, written once: ada promotes
 * 9c81d3e over 4f2a9c1 (release 2025.12.2), then rolls back to 4f2a9c1 with a pin. Each is one
 * audit log line exactly as `slipway promote` and `slipway rollback` append it, hash chain included.
 */

/** The promote of release 2025.12.2, logged before it acts (the log's first entry). */
export const RELEASE_STARTED =
  '{"v":1,"time":"2025-12-09T10:00:00Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"release 2025.12.2","outcome":"started","prev":"0000000000000000000000000000000000000000000000000000000000000000"}';

/** Its end, chained to the line above. */
export const RELEASE_SUCCEEDED =
  '{"v":1,"time":"2025-12-09T10:03:12Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"release 2025.12.2","outcome":"succeeded","prev":"eb38a3aac615a35e75e1cea22035a5751f56ba9942a70ffe0eb78bbb7ad75bbb"}';

/** The pinned rollback to 4f2a9c1, after the release. */
export const ROLLBACK_STARTED =
  '{"v":1,"time":"2025-12-09T11:20:00Z","event":"SYSTEM_CORRECTION_EVENT","environment":"production","from":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","to":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","actor":{"name":"ada","kind":"human"},"reason":"5xx after release 2025.12.2","pin":true,"outcome":"started","prev":"c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0"}';

/** Its end. */
export const ROLLBACK_SUCCEEDED =
  '{"v":1,"time":"2025-12-09T11:21:40Z","event":"SYSTEM_CORRECTION_EVENT","environment":"production","from":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","to":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","actor":{"name":"ada","kind":"human"},"reason":"5xx after release 2025.12.2","pin":true,"outcome":"succeeded","prev":"9c20b6dcb2927ec1d62fb3a3e20988ece0aed6bcd480590c41bdaa1e28faf013"}';

/** An audit log of these lines, each ending in a newline ('' is a blank line). */
export function auditLog(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** A deploy record as Slipway writes it: two-space JSON and a final newline. */
export function deployRecord(fields: Record<string, unknown>): string {
  return `${JSON.stringify(fields, null, 2)}\n`;
}
