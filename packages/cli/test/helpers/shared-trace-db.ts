import type { OpenTraceDb } from '@slipway/policy-core/node';
import { afterAll, beforeAll } from 'vitest';
import { emptyTraceDbs } from '../../../../test/helpers/empty-trace-dbs.js';

/**
 * One PGlite for a test file's in-process traces (runCli's `host`, runTracePlan's `openDb`) and
 * for any other use of an empty database a test borrows from it, started before its tests,
 * emptied after each trace (a trace that finds it not empty fails) and closed after them:
 * starting one per trace was most of such a file's CPU. The start of a trace's own cluster stays
 * tested where it is the subject (fresh-clusters.test.ts, the CLI run as a process).
 */
export function sharedTraceDb(): OpenTraceDb {
  let dbs: Awaited<ReturnType<typeof emptyTraceDbs>> | undefined;
  beforeAll(async () => {
    dbs = await emptyTraceDbs();
  });
  afterAll(() => dbs?.close());
  return (names) => {
    if (!dbs) throw new Error('the shared trace database did not start');
    return dbs.openTraceDb(names);
  };
}
