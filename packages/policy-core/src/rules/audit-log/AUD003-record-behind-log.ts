import type { AuditRule } from './facts/audit-facts.js';

/** AUD003: entries after the record's audit_head: a promote or rollback stopped before writing the record. */
export const recordBehindLog: AuditRule = {
  id: 'AUD003',
  name: 'record-behind-log',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'warning',
  title: 'audit log has entries the deploy record does not acknowledge',
  docs: {
    what:
      "The audit log has entries after the record's audit_head: a promote or rollback stopped before " +
      'writing the record.',
    why:
      'Slipway appends (and fsyncs) an audit entry before it writes the record, so a promote or ' +
      "rollback killed in between leaves entries after the record's audit_head. Nothing is lost, but " +
      'the record may not describe what production runs.',
    fix:
      'Read the entries (`slipway history`), check production, and run `slipway promote` or `slipway ' +
      'rollback` again; the next successful command acknowledges them.',
    suppress:
      'The audit log is JSON lines, without comments: set `rules: { AUD003: off }` (or another ' +
      'severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'infrastructure/deploy-audit.jsonl',
        text:
          '{"v":1,"time":"2025-12-09T10:00:00Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"release 2025.12.2","outcome":"started","prev":"0000000000000000000000000000000000000000000000000000000000000000"}\n' +
          '{"v":1,"time":"2025-12-09T10:03:12Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"release 2025.12.2","outcome":"succeeded","prev":"eb38a3aac615a35e75e1cea22035a5751f56ba9942a70ffe0eb78bbb7ad75bbb"}\n' +
          '{"v":1,"time":"2025-12-09T11:20:00Z","event":"SYSTEM_CORRECTION_EVENT","environment":"production","from":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","to":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","actor":{"name":"ada","kind":"human"},"reason":"5xx after release 2025.12.2","pin":true,"outcome":"started","prev":"c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0"}\n',
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json':
            '{\n' +
            '  "last_good_sha": "9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9",\n' +
            '  "deployed_at": "2025-12-09T10:03:12Z",\n' +
            '  "previous_sha": "4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f",\n' +
            '  "event": "PROMOTE",\n' +
            '  "actor": {\n' +
            '    "name": "ada",\n' +
            '    "kind": "human"\n' +
            '  },\n' +
            '  "reason": "release 2025.12.2",\n' +
            '  "audit_head": "c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0"\n' +
            '}\n',
        },
      },
      {
        verdict: 'fine',
        file: 'infrastructure/deploy-audit.jsonl',
        text:
          '{"v":1,"time":"2025-12-09T10:00:00Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"release 2025.12.2","outcome":"started","prev":"0000000000000000000000000000000000000000000000000000000000000000"}\n' +
          '{"v":1,"time":"2025-12-09T10:03:12Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"release 2025.12.2","outcome":"succeeded","prev":"eb38a3aac615a35e75e1cea22035a5751f56ba9942a70ffe0eb78bbb7ad75bbb"}\n' +
          '{"v":1,"time":"2025-12-09T11:20:00Z","event":"SYSTEM_CORRECTION_EVENT","environment":"production","from":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","to":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","actor":{"name":"ada","kind":"human"},"reason":"5xx after release 2025.12.2","pin":true,"outcome":"started","prev":"c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0"}\n' +
          '{"v":1,"time":"2025-12-09T11:21:40Z","event":"SYSTEM_CORRECTION_EVENT","environment":"production","from":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","to":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","actor":{"name":"ada","kind":"human"},"reason":"5xx after release 2025.12.2","pin":true,"outcome":"succeeded","prev":"9c20b6dcb2927ec1d62fb3a3e20988ece0aed6bcd480590c41bdaa1e28faf013"}\n',
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json':
            '{\n' +
            '  "last_good_sha": "4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f",\n' +
            '  "deployed_at": "2025-12-09T11:21:40Z",\n' +
            '  "previous_sha": "9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9",\n' +
            '  "event": "SYSTEM_CORRECTION_EVENT",\n' +
            '  "rolled_back_from": "9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9",\n' +
            '  "actor": {\n' +
            '    "name": "ada",\n' +
            '    "kind": "human"\n' +
            '  },\n' +
            '  "reason": "5xx after release 2025.12.2",\n' +
            '  "pinned": true,\n' +
            '  "pinned_reason": "5xx after release 2025.12.2",\n' +
            '  "audit_head": "b5a8edeba2ba2c3a46cc3323789b36441a9d0987eec450beb745c4c0fe3b8df4"\n' +
            '}\n',
        },
      },
    ],
  },
  check({ log: facts, directory }) {
    if (directory || !facts) return [];
    return facts.log.issues.flatMap((issue) =>
      issue.kind === 'head-behind'
        ? [
            {
              rule: this.id,
              severity: this.defaultSeverity,
              message: `${issue.message}; check production with \`slipway history\` and run the command again.`,
              file: facts.path,
              range: facts.lines.lineRange(issue.line),
            },
          ]
        : [],
    );
  },
};
