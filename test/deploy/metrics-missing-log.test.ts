import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as writer from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { handComputedRepo, LOG } from './helpers/metrics-repo.js';

// Figures of nothing must say why: a policy naming a log that is not there (no promote yet, or a
// typo in deploy.audit_log) is not a log with no deploys in it.
describe('slipway metrics without its audit log', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = handComputedRepo(writer);
    rmSync(join(repo.dir, LOG));
  });
  afterAll(() => repo.dispose());

  it('says the file the policy names does not exist, in text and JSON', () => {
    const text = slipway(['metrics'], { cwd: repo.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('(no deploys in the audit log)');
    expect(text.stdout).toContain(`warning: ${LOG}: does not exist: no promote has logged anything here yet`);
    const json = JSON.parse(slipway(['metrics', '--format', 'json'], { cwd: repo.dir }).stdout);
    expect(json.issues).toEqual([{ file: LOG, message: expect.stringContaining('does not exist') }]);
  });

  it('near miss: a log that is there says nothing of the kind', () => {
    const other = handComputedRepo(writer);
    try {
      expect(slipway(['metrics'], { cwd: other.dir }).stdout).not.toContain('does not exist');
    } finally {
      other.dispose();
    }
  });
});
