import { printable } from './printable.js';

/**
 * Weekly charts as SVG, drawn here so that a report needs no script, font or network: stacked
 * bars for counts (deploys, failures), lines with points for medians and rates. Every mark
 * carries its week and value as a <title> (a tooltip) and as data attributes (what a test or a
 * script reads back). The HTML report (`slipway metrics --format html`) inlines them; the editor's
 * history page shows each as an image (chartImageUri), its style inside it.
 */
export interface Series {
  name: string;
  /** CSS class: its colour, in CHART_STYLE. */
  css: string;
  /** One value per week; null where the week has none. */
  values: (number | null)[];
}

/** A chart: its title and its `<svg>` element. */
export interface Chart {
  title: string;
  svg: string;
}

/** The charts' colours by who wrote the change, and their text and axes. */
export const CHART_STYLE = `
svg.chart text { font: 10px system-ui, sans-serif; fill: #57606a; }
.axis { stroke: #8c959f; } .line { fill: none; stroke-width: 1.5; }
rect.all, circle.all { fill: #6e7781; } path.all { stroke: #6e7781; }
rect.human, circle.human { fill: #0969da; } path.human { stroke: #0969da; }
rect.agent, circle.agent { fill: #bf3989; } path.agent { stroke: #bf3989; }
rect.unknown, circle.unknown { fill: #d4a72c; } path.unknown { stroke: #d4a72c; }
`;

/** The chart in an HTML page whose style sheet holds CHART_STYLE: a captioned figure. */
export function chartFigure(chart: Chart): string {
  return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>${chart.svg}</figure>`;
}

/**
 * The chart as an image of its own (its style inside, as an SVG file is read alone), as a
 * `data:` URI that a Markdown image can name: percent-encoded, parentheses included, so the
 * URI cannot end the Markdown link early.
 */
export function chartImageUri(chart: Chart): string {
  const svg = chart.svg
    .replace(/^<svg /, `<svg xmlns="http://www.w3.org/2000/svg" `)
    .replace(/>/, `><style>${CHART_STYLE}</style>`);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const W = 720;
const H = 170;
const PAD = { left: 48, right: 8, top: 10, bottom: 28 };

/**
 * The repository's text (environment names, an agent's name from a commit, messages) in HTML: no
 * markup, and no control or reordering character either (the text format's escaping first).
 */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stacked bars: one column per week, the series on top of each other. */
export function barChart(
  title: string,
  weeks: readonly string[],
  series: readonly Series[],
  unit: (v: number) => string,
): Chart {
  const totals = weeks.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const { x, band, y } = scales(weeks.length, max);
  const marks: string[] = [];
  weeks.forEach((week, i) => {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const top = y(base + v);
      marks.push(
        `<rect class="${s.css}" data-series="${escapeHtml(s.name)}" data-week="${week}" data-value="${v}" x="${x(i).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, band - 1).toFixed(1)}" height="${(y(base) - top).toFixed(1)}"><title>${week} ${escapeHtml(s.name)}: ${unit(v)}</title></rect>`,
      );
      base += v;
    }
  });
  return frame(title, 'bars', weeks, max, unit, marks, series);
}

/** Lines with a point per week that has a value; a week without one breaks the line. */
export function lineChart(
  title: string,
  weeks: readonly string[],
  series: readonly Series[],
  unit: (v: number) => string,
): Chart {
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const { x, band, y } = scales(weeks.length, max);
  const marks: string[] = [];
  for (const s of series) {
    let path = '';
    s.values.forEach((v, i) => {
      if (v === null) {
        path += ' ';
        return;
      }
      const px = x(i) + band / 2;
      path += `${path === '' || path.endsWith(' ') ? 'M' : 'L'}${px.toFixed(1)},${y(v).toFixed(1)}`;
      marks.push(
        `<circle class="${s.css}" data-series="${escapeHtml(s.name)}" data-week="${weeks[i]}" data-value="${v}" cx="${px.toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5"><title>${weeks[i]} ${escapeHtml(s.name)}: ${unit(v)}</title></circle>`,
      );
    });
    if (path.trim() !== '') marks.unshift(`<path class="${s.css} line" d="${path.trim()}"/>`);
  }
  return frame(title, 'lines', weeks, max, unit, marks, series);
}

function scales(n: number, max: number) {
  const band = (W - PAD.left - PAD.right) / Math.max(1, n);
  return {
    band,
    x: (i: number) => PAD.left + i * band,
    y: (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max),
  };
}

/** The axes, the first and last week, the top value, a legend, and the marks. */
function frame(
  title: string,
  kind: string,
  weeks: readonly string[],
  max: number,
  unit: (v: number) => string,
  marks: string[],
  series: readonly Series[],
): Chart {
  const bottom = H - PAD.bottom;
  const legend = series
    .map(
      (s, i) =>
        `<rect class="${s.css}" x="${PAD.left + i * 130}" y="${H - 10}" width="10" height="8"/><text x="${PAD.left + i * 130 + 14}" y="${H - 2}">${escapeHtml(s.name)}</text>`,
    )
    .join('');
  const svg = [
    `<svg class="chart ${kind}" data-chart="${escapeHtml(title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">`,
    `<line class="axis" x1="${PAD.left}" y1="${bottom}" x2="${W - PAD.right}" y2="${bottom}"/>`,
    `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${bottom}"/>`,
    `<text class="tick" x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${unit(max)}</text>`,
    `<text class="tick" x="${PAD.left - 4}" y="${bottom}" text-anchor="end">0</text>`,
    weeks.length > 0 ? `<text class="tick" x="${PAD.left}" y="${bottom + 12}">${weeks[0]}</text>` : '',
    weeks.length > 1
      ? `<text class="tick" x="${W - PAD.right}" y="${bottom + 12}" text-anchor="end">${weeks[weeks.length - 1]}</text>`
      : '',
    ...marks,
    legend,
    '</svg>',
  ].join('');
  return { title, svg };
}
