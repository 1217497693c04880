import { barChart, chartFigure, chartImageUri, lineChart } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const WEEKS = ['2026-W01', '2026-W02', '2026-W03'];

describe('the metrics charts', () => {
  it('stack bars per week, each mark its week and value, and escape the names they show', () => {
    const chart = barChart(
      'Deploys per week',
      WEEKS,
      [
        { name: 'human', css: 'human', values: [2, 0, 1] },
        { name: 'agent <b>(x)</b>', css: 'agent', values: [1, 3, null] },
      ],
      String,
    );
    expect(chart.title).toBe('Deploys per week');
    const marks = [...chart.svg.matchAll(/data-week="([^"]+)" data-value="(\d+)"/g)].map(
      (m) => `${m[1]}=${m[2]}`,
    );
    expect(marks).toEqual(['2026-W01=2', '2026-W01=1', '2026-W02=3', '2026-W03=1']);
    expect(chart.svg).not.toContain('<b>');
    expect(chart.svg).toContain('agent &#60;b&#62;');
    expect(chartFigure(chart)).toMatch(
      /^<figure><figcaption>Deploys per week<\/figcaption><svg class="chart bars"/,
    );
  });

  it('break a line where a week has no value', () => {
    const chart = lineChart(
      'Lead time',
      WEEKS,
      [{ name: 'human', css: 'human', values: [60, null, 120] }],
      String,
    );
    expect(chart.svg).toMatch(/<path class="human line" d="M[\d.,]+ M[\d.,]+"\/>/);
  });

  it('as an image of its own: a data: URI a Markdown image can hold, decoding to an SVG file with its style', () => {
    const chart = barChart(
      'Deploys (per week)',
      WEEKS,
      [{ name: "o'brien (agent)", css: 'agent', values: [1, 2, 3] }],
      String,
    );
    const uri = chartImageUri(chart);
    expect(uri.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    // Nothing that ends a Markdown link or image early, and nothing that breaks out of it.
    expect(uri).not.toMatch(/[()\s<>"'\]\\]/);
    const svg = decodeURIComponent(uri.slice(uri.indexOf(',') + 1));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart bars"[^>]*><style>/);
    expect(svg).toContain('rect.agent, circle.agent { fill: #bf3989; }');
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('o&#39;brien (agent)');
  });
});
