import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { expectOneLine, json, repoFactory } from './e2e-helpers.js';

/**
 * A rewrite of the whole audit log, every hash recomputed, keeps its own chain intact. On a
 * branch AUD005 catches it (the log at head must begin with the base's); once it is on the
 * production branch only an anchor kept outside the repository (AUD006) can.
 */
const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const POLICY = `version: 1
deploy:
  record: ${RECORD}
  audit_log: ${LOG}
`;
const SHA = '0123456789abcdef0123456789abcdef01234567';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A well-chained log of `reasons.length` entries and the record that acknowledges its last one. */
function chained(reasons: string[]): { log: string; record: string; hashes: string[] } {
  let prev = '0'.repeat(64);
  const lines: string[] = [];
  const hashes: string[] = [];
  for (const reason of reasons) {
    const line = JSON.stringify({
      v: 1,
      time: '2025-12-09T10:00:00Z',
      event: 'SYSTEM_CORRECTION_EVENT',
      environment: 'production',
      from: 'a'.repeat(40),
      to: SHA,
      actor: { name: 'ci', kind: 'ci' },
      reason,
      outcome: 'succeeded',
      prev,
    });
    lines.push(line);
    prev = sha256(line);
    hashes.push(prev);
  }
  const record = `${JSON.stringify({ last_good_sha: SHA, deployed_at: '2025-12-09T10:00:00Z', audit_head: prev }, null, 2)}\n`;
  return { log: `${lines.join('\n')}\n`, record, hashes };
}

const repo = repoFactory();
const ORIGINAL = chained(['promote 1', 'rollback: health check failed', 'promote 2']);
const REWRITTEN = chained(['promote 1', 'promote 2']);

function history() {
  const r = repo({ 'slipway.yaml': POLICY, [LOG]: ORIGINAL.log, [RECORD]: ORIGINAL.record });
  r.commit('deploys');
  return r;
}

const aud = (dir: string, ...args: string[]) =>
  slipway(['check', '--format', 'json', '--rule', 'AUD', ...args], { cwd: dir });

describe('rewriting the whole audit log', () => {
  it('on a branch: AUD005 compares with the base and catches the re-chained log', () => {
    const r = history();
    r.git('checkout', '-q', '-b', 'feature/tidy');
    r.write({ [LOG]: REWRITTEN.log, [RECORD]: REWRITTEN.record });
    r.commit('tidy the log');
    expect(json(aud(r.dir)).findings.map((f) => `${f.rule} ${f.file}`)).toEqual([`AUD005 ${LOG}`]);
  });

  it('merged: the chain and the base agree with it, the anchor outside the repository does not', () => {
    const r = history();
    r.write({ [LOG]: REWRITTEN.log, [RECORD]: REWRITTEN.record });
    r.commit('tidy the log, pushed straight to main');
    const anchor = ORIGINAL.hashes[2] as string;
    expect(json(aud(r.dir, '--tree')).findings).toEqual([]);
    const out = aud(r.dir, '--tree', '--audit-anchor', anchor);
    expect(out.code).toBe(1);
    const [f] = json(out).findings;
    expect(f).toMatchObject({ rule: 'AUD006', severity: 'error', file: LOG });
    expect(f?.message).toContain(`has the anchored hash ${anchor.slice(0, 12)}`);
    // The same anchor from the environment, as a deployment's variable would give it.
    const env = slipway(['check', '--format', 'json', '--rule', 'AUD', '--tree'], {
      cwd: r.dir,
      env: { SLIPWAY_AUDIT_ANCHOR: anchor },
    });
    expect(json(env).findings.map((x) => x.rule)).toEqual(['AUD006']);
  });

  it('near miss: an anchor on an entry still in the log, later entries appended, is fine', () => {
    const r = history();
    const anchor = ORIGINAL.hashes[1] as string;
    expect(aud(r.dir, '--tree', '--audit-anchor', anchor).code).toBe(0);
    expect(json(aud(r.dir, '--tree', '--audit-anchor', anchor)).findings).toEqual([]);
  });

  it('a malformed anchor is a finding at the policy key, not a silent pass; guard takes the flag too', () => {
    const r = history();
    const [f] = json(aud(r.dir, '--tree', '--audit-anchor', 'abc123')).findings;
    expect(f).toMatchObject({ rule: 'AUD006', file: 'slipway.yaml', line: 4 });
    expect(f?.message).toContain('is not a SHA-256');
    const guard = slipway(['guard', '--tree', '--rule', 'AUD', '--audit-anchor', 'abc123'], { cwd: r.dir });
    expect(guard.code).toBe(1);
    expect(guard.stdout).toContain('AUD006');
    expectOneLine(slipway(['check', '--audit-anchor'], { cwd: r.dir }), /audit-anchor/);
  });
});
