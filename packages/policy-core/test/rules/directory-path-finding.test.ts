import { findRule, MemoryRepo, parsePolicyText, type RuleMeta } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { directoryPathFinding } from '../../src/rules/directory-path-finding.js';

// REC001's and AUD001's finding for a deploy.record or deploy.audit_log that names a folder: the
// REC and AUD tests reach it through their families; here its words, its place and its refusals.

/** A host that calls every path it is asked about a directory, or none. */
class Folders extends MemoryRepo {
  constructor(private readonly all: boolean) {
    super({});
  }
  override isDirectory(): boolean {
    return this.all;
  }
}

const POLICY = 'version: 1\ndeploy:\n  record: ops/record\n  audit_log: ops/log\n';

function ctxOf(policy: string, repo: MemoryRepo) {
  const parsed = parsePolicyText(policy);
  if (!parsed.document) throw new Error('policy');
  return { policy: parsed.document, repo, now: new Date('2026-01-10T00:00:00Z'), env: {} };
}

const rule = (id: string): RuleMeta => {
  const r = findRule(id);
  if (!r) throw new Error(id);
  return r;
};

const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('directoryPathFinding', () => {
  it('the deploy record: its path, its key and what to do, on the policy line that names it', () => {
    const f = directoryPathFinding(ctxOf(POLICY, new Folders(true)), rule('REC001'), 'record');
    expect([f?.rule, f?.file, f?.message, f && at(f.range)]).toEqual([
      'REC001',
      'slipway.yaml',
      'ops/record (deploy.record) is a directory; the deploy record must be a file: remove or rename the directory, or point deploy.record at a file.',
      '2:10-2:20',
    ]);
  });

  it('the audit log, in its own words', () => {
    const f = directoryPathFinding(ctxOf(POLICY, new Folders(true)), rule('AUD001'), 'audit_log');
    expect([f?.rule, f?.message, f && at(f.range)]).toEqual([
      'AUD001',
      'ops/log (deploy.audit_log) is a directory; the audit log must be a file: remove or rename the directory, or point deploy.audit_log at a file.',
      '3:13-3:20',
    ]);
  });

  it('nothing when the path is not a directory, when the host cannot tell, or when the policy names no path', () => {
    expect(directoryPathFinding(ctxOf(POLICY, new Folders(false)), rule('REC001'), 'record')).toBeUndefined();
    const blind = new MemoryRepo({ 'ops/record/x.json': '{}' }) as MemoryRepo & { isDirectory?: unknown };
    Object.defineProperty(blind, 'isDirectory', { value: undefined });
    expect(directoryPathFinding(ctxOf(POLICY, blind), rule('REC001'), 'record')).toBeUndefined();
    // No deploy section: no path to ask the host about, whatever it would answer.
    expect(
      directoryPathFinding(ctxOf('version: 1\n', new Folders(true)), rule('AUD001'), 'audit_log'),
    ).toBeUndefined();
  });
});
