import type { AuditEvent, DeploySection } from '@slipway/policy-core';
import type * as PolicyCoreNode from '@slipway/policy-core/node';
import { TempRepo } from '../../helpers/git-repo.js';
import { policyYaml } from './deploy-repo.js';

export const LOG = 'infrastructure/deploy-audit.jsonl';
export const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const DEPLOY = { record: RECORD, audit_log: LOG } as DeploySection;
export const GONE = 'e'.repeat(40);

/**
 * A repository whose history and audit log were worked out by hand: c1 (a person's, Monday
 * 2026-03-02 08:00), c2 (Claude's, by its Co-Authored-By trailer, 09:00), c3 (a person's,
 * Tuesday 10:00); the log written by the deploy layer's own writer (appendEvent, chained).
 */
/**
 * The deploy layer's writer, passed in: the main suite imports it by name, the editor step (whose
 * config resolves no workspace package) from the bundle the build wrote.
 */
export type AuditWriter = Pick<typeof PolicyCoreNode, 'appendEvent' | 'readDeployState'>;

export function handComputedRepo({ appendEvent, readDeployState }: AuditWriter): TempRepo {
  const repo = new TempRepo({ 'slipway.yaml': policyYaml() });
  const commit = (file: string, date: string, message: string) => {
    repo.write({ [file]: date });
    repo.git('add', '-A');
    repo.git('commit', '-q', '--date', date, '-m', message);
    return repo.git('rev-parse', 'HEAD').trim();
  };
  const c1 = commit('a.txt', '2026-03-02T08:00:00Z', 'base');
  const c2 = commit(
    'b.txt',
    '2026-03-02T09:00:00Z',
    'feature\n\nCo-Authored-By: Claude <noreply@anthropic.com>',
  );
  const c3 = commit('c.txt', '2026-03-03T10:00:00Z', 'fix by a person');
  const state = readDeployState(repo.dir, DEPLOY);
  const log = (
    time: string,
    event: AuditEvent['event'],
    outcome: AuditEvent['outcome'],
    from: string | null,
    to: string,
  ) =>
    appendEvent(state, {
      time,
      event,
      environment: 'production',
      from,
      to,
      actor: { name: 'Dev Human', kind: 'human' },
      outcome,
    });
  log('2026-03-02T11:59:00Z', 'PROMOTE', 'started', null, c2); // line 1: the same run as line 2
  log('2026-03-02T12:00:00Z', 'PROMOTE', 'succeeded', null, c2); // line 2: c1+c2, Claude's, 4 h
  log('2026-03-04T10:00:00Z', 'PROMOTE', 'succeeded', c2, c3); // line 3: c3, a person's, 24 h
  log('2026-03-04T11:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', c3, c2); // line 4: c3 undone, restored (1 h)
  log('2026-03-09T11:00:00Z', 'PROMOTE', 'succeeded', c2, c3); // line 5: redeploy, no new commit
  log('2026-03-10T00:00:00Z', 'PROMOTE', 'succeeded', c3, GONE); // line 6: not in this clone
  void c1;
  return repo;
}
