import type { RuleExample } from '../../../rule.js';

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

/** The hash of the release's last line: the record's audit head after it, an anchor in the log. */
export const RELEASE_HEAD = 'c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0';

/** The record after the promote of the release, with `reason` as logged and sealed to `auditHead`. */
function recordOfRelease(reason: string, auditHead: string): string {
  return deployRecord({
    last_good_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
    deployed_at: '2025-12-09T10:03:12Z',
    previous_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
    event: 'PROMOTE',
    actor: { name: 'ada', kind: 'human' },
    reason,
    audit_head: auditHead,
  });
}

/** The record after the promote of release 2025.12.2 (its audit head is the promote's end). */
export const RECORD_AFTER_RELEASE = recordOfRelease('release 2025.12.2', RELEASE_HEAD);

/** The record after the staging verification of 7e3b1f9 (staging runs seal the log, the record moves not). */
export const RECORD_AFTER_VERIFICATION = recordOfRelease(
  'release 2025.12.2',
  'e0dc4ee43f92cfdec96502af0972a3c720fab12454a97823ec6f4e15036da530',
);

/** The record after the pinned rollback to 4f2a9c1. */
export const RECORD_AFTER_ROLLBACK = deployRecord({
  last_good_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
  deployed_at: '2025-12-09T11:21:40Z',
  previous_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
  event: 'SYSTEM_CORRECTION_EVENT',
  rolled_back_from: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
  actor: { name: 'ada', kind: 'human' },
  reason: '5xx after release 2025.12.2',
  pinned: true,
  pinned_reason: '5xx after release 2025.12.2',
  audit_head: 'b5a8edeba2ba2c3a46cc3323789b36441a9d0987eec450beb745c4c0fe3b8df4',
});

/**
 * The release's log as someone rewrote it: both reasons edited to "routine release" and the hash
 * chain recomputed, so each line chains to the one before and only the base (or an anchor) shows it.
 */
export const REWRITTEN_LOG =
  '{"v":1,"time":"2025-12-09T10:00:00Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"routine release","outcome":"started","prev":"0000000000000000000000000000000000000000000000000000000000000000"}\n' +
  '{"v":1,"time":"2025-12-09T10:03:12Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"routine release","outcome":"succeeded","prev":"4b688bf7ed8c277c430cf3d5ec4a36fba5ad87f690cf195cbfc2729c4077a0b8"}\n';

/** The record resealed to the rewritten log's last line. */
export const RECORD_AFTER_REWRITE = recordOfRelease(
  'routine release',
  'f3d70c4c56b39e47d905a8005a41e7e437ee50284fbaa6da1e6fcb29efa60ca3',
);

/** Where the examples keep the audit log and the deploy record (the policy's defaults). */
export const AUDIT_LOG_FILE = 'infrastructure/deploy-audit.jsonl';
export const RECORD_FILE = 'infrastructure/LAST_PROD_DEPLOY.json';

/** The log after the release: its promote's two lines. */
export const LOG_AFTER_RELEASE = auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED);

/** The log after the pinned rollback: the release's lines, then the rollback's. */
export const LOG_AFTER_ROLLBACK = auditLog(
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
  ROLLBACK_STARTED,
  ROLLBACK_SUCCEEDED,
);

/** A staging verification of 7e3b1f9 appended after the release, its chain recomputed. */
export const STAGING_VERIFIED_LINE =
  '{"v":1,"time":"2025-12-10T09:00:00Z","event":"STAGING_VERIFIED","environment":"staging","from":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","to":"7e3b1f9a2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f","actor":{"name":"Slipway CI","kind":"ci"},"outcome":"succeeded","prev":"c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0"}';

export const LOG_WITH_VERIFICATION = auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED, STAGING_VERIFIED_LINE);

/**
 * An AUD example: the audit log `text` with the deploy `record` beside it; `more` adds the change,
 * environment or assumptions the rule reads.
 */
export function auditLogExample(
  verdict: RuleExample['verdict'],
  text: string,
  record: string,
  more: Omit<RuleExample, 'verdict' | 'file' | 'text' | 'beside'> = {},
): RuleExample {
  return { verdict, file: AUDIT_LOG_FILE, text, ...more, beside: { [RECORD_FILE]: record } };
}

/** The "how to suppress" section of the AUD rules a comment cannot reach. */
export function auditSuppressDocs(id: string): string {
  return (
    `The audit log is JSON lines, without comments: set \`rules: { ${id}: off }\` (or another ` +
    'severity) in the policy.'
  );
}
