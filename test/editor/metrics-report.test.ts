import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { type AuditWriter, handComputedRepo } from '../deploy/helpers/metrics-repo.js';
import { ARTIFACTS, type Browser, launchChromium, type Page, screenshotOnFailure } from './code-server.js';

type WeekCounts = { week: string } & Record<'human' | 'agent' | 'unknown', { deploys: number }>;

interface Rendered {
  charts: { title: string | null; width: number; height: number; marks: number }[];
  rows: Record<string, Record<string, string>>;
  bars: { series: string; week: string; value: number }[];
  fetched: number;
}

/**
 * `slipway metrics --format html` as a person sees it: the page in the Chromium the editor tests
 * drive, opened from disk with nothing else around it. The charts are drawn (laid out, with
 * marks), the figures in the page are the ones `--format json` gives, and it fetched nothing.
 */
describe('the metrics report in a real browser', () => {
  let repo: TempRepo;
  let browser: Browser;
  let page: Page | undefined;
  screenshotOnFailure(() => page);
  beforeAll(async () => {
    // The bundle the build wrote: this step's config resolves no workspace package by name.
    const bundle = new URL('../../packages/policy-core/dist-hosts/node.mjs', import.meta.url).href;
    repo = handComputedRepo((await import(bundle)) as AuditWriter);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    repo?.dispose();
  });

  it('draws a chart per figure, and its numbers are the JSON ones', async () => {
    const html = slipway(['metrics', '--format', 'html', '--output', 'report.html'], { cwd: repo.dir });
    expect(html.code).toBe(0);
    const json = slipway(['metrics', '--format', 'json'], { cwd: repo.dir });
    const m = JSON.parse(json.stdout);
    page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    await page.goto(pathToFileURL(join(repo.dir, 'report.html')).href);
    await page.waitForSelector('svg.chart');
    // Written as a string: the function runs in the page, which the workspace compiles no DOM for.
    const rendered = (await page.evaluate(
      new Function(`
        const charts = [...document.querySelectorAll('svg.chart')].map((s) => {
          const box = s.getBoundingClientRect();
          return { title: s.getAttribute('data-chart'), width: box.width, height: box.height, marks: s.querySelectorAll('[data-value]').length };
        });
        const rows = {};
        for (const tr of document.querySelectorAll('tr[data-who]')) {
          rows[tr.getAttribute('data-who')] = Object.fromEntries([...tr.querySelectorAll('td[data-figure]')].map((td) => [td.getAttribute('data-figure'), td.textContent]));
        }
        const bars = [...document.querySelectorAll('svg.bars rect[data-value]')].map((r) => ({ series: r.getAttribute('data-series'), week: r.getAttribute('data-week'), value: Number(r.getAttribute('data-value')) }));
        return { charts, rows, bars, fetched: performance.getEntriesByType('resource').length };
      `) as () => Rendered,
    )) as Rendered;
    await page.screenshot({ path: join(ARTIFACTS, 'metrics-report.png') });
    expect(statSync(join(ARTIFACTS, 'metrics-report.png')).size).toBeGreaterThan(10_000);

    expect(rendered.fetched).toBe(0);
    expect(rendered.charts.map((c) => c.title)).toEqual([
      'Deploys per week',
      'Lead time for changes (median)',
      'Change failure rate',
      'Time to restore (median)',
    ]);
    for (const c of rendered.charts) {
      expect(c.width).toBeGreaterThan(300);
      expect(c.height).toBeGreaterThan(100);
      expect(c.marks).toBeGreaterThan(0);
    }
    const [prod] = m.environments;
    // Each bar is one week's deploys by one kind of author, as the JSON counts them.
    const expected = prod.weeks.flatMap((w: WeekCounts) =>
      (['human', 'agent', 'unknown'] as const)
        .filter((who) => w[who].deploys > 0)
        .map((who) => ({ series: who, week: w.week, value: w[who].deploys })),
    );
    expect(rendered.bars).toEqual(expected);
    expect(rendered.rows.all?.deploys).toBe(String(prod.total.all.deploys));
    expect(rendered.rows['agent claude']?.deploys).toBe(String(prod.total.agents.claude.deploys));
    expect(rendered.rows.human?.failures).toBe(String(prod.total.human.failures));
    expect(rendered.rows.all?.['change-failure-rate']).toBe(`${prod.total.all.changeFailureRate * 100}%`);
  });
});
