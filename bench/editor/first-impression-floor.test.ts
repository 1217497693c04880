import { afterEach, describe, expect, it } from 'vitest';
import { ensureCodeServer } from '../../test/editor/code-server.js';
import {
  closeOpened,
  firstImpression,
  type Opened,
  PROBE,
  PROBLEMS,
  record,
} from '../../test/editor/first-impression.js';

/**
 * The floor of the editor's first impression: the same start as test/editor/first-impression.test.ts
 * with only the probe extension (activated on "*", one problem set at once), which no extension
 * can beat. bench/editor-first-impression.bench.mjs prints it beside Slipway's figures; it checks
 * nothing of Slipway's, so it runs there only (bench/editor/vitest.config.ts), not in the suite.
 */
describe('the first impression of a real VS Code on the example repository', () => {
  const opened: Opened = { dirs: [] };
  afterEach(() => closeOpened(opened));

  it('floor: an empty extension activated on "*" shows its problem', async () => {
    await ensureCodeServer();
    const start = await firstImpression({ extensions: [PROBE] }, PROBLEMS, opened);
    record('floor', start);
    const { timeline } = start;
    expect(Object.keys(timeline)).toContain('probe activate() called');
    expect(Object.keys(timeline)).toContain('page: Problems count above 0');
  });
});
