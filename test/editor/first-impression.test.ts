import { afterEach, describe, expect, it } from 'vitest';
import { ensureCodeServer, releaseVsix } from './code-server.js';
import { closeOpened, firstImpression, type Opened, record, SLIPWAY } from './first-impression.js';

/**
 * The editor's first impression of examples/mayassistant, from the page's navigation start to the
 * first problem counted in the status bar, with the built .vsix, every step traced in order.
 * bench/editor-first-impression.bench.mjs runs this file and the floor beside it (the probe
 * extension alone: bench/editor/first-impression-floor.test.ts, a measurement, not a check of
 * Slipway, so it is no part of the suite) and prints the figures.
 */
describe('the first impression of a real VS Code on the example repository', () => {
  const opened: Opened = { dirs: [] };
  afterEach(() => closeOpened(opened));

  it('Slipway: from navigation start to its first problem counted, every step traced in order', async () => {
    await ensureCodeServer();
    const vsix = releaseVsix();
    const start = await firstImpression({ vsix }, SLIPWAY, opened);
    record('slipway', start);
    const { timeline } = start;
    // The Problems panel lists the finding (REC004 on the example's deploy record, a file not open).
    await opened.page!.keyboard.press('Control+Shift+M');
    await opened.page!.waitForSelector('.markers-panel .monaco-list-row >> text=/REC004/');
    const order = [
      'extension activate() called',
      'server process started',
      'server bundle loaded',
      'server initialize received',
      'extension client running (server initialized)',
      'server first workspace check done',
      'server first workspace pull answered',
      'page: Problems count above 0',
    ];
    const steps = order.map((name) => [name, timeline[name]] as const);
    expect(
      steps.filter(([, t]) => t === undefined),
      JSON.stringify(timeline, null, 2),
    ).toEqual([]);
    const times = steps.map(([, t]) => t!);
    expect(times, JSON.stringify(timeline, null, 2)).toEqual([...times].sort((a, b) => a - b));
    // VS Code hands the extension its diagnostics event in a batch, around when the page shows them.
    expect(timeline['extension first Slipway diagnostics received']).toBeGreaterThan(
      timeline['server first workspace check done']!,
    );
    expect(timeline['page: Slipway status item visible']).toBeGreaterThan(
      timeline['extension activate() called']!,
    );
  });
});
