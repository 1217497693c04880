import {
  type Finding,
  hoverText,
  jsonText,
  markdownText,
  renderGithub,
  renderJson,
  renderMarkdown,
  renderText,
  toSarif,
  type Waiver,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { renderForTerminal } from '../../packages/cli/src/terminal-report.js';
import type { Paint } from '../../packages/cli/src/terminal-style.js';
import { renderWaivers } from '../../packages/cli/src/waivers-report.js';
import { patternMarkdown } from '../../packages/lsp/src/features/pattern-hover.js';
import { HOSTILE, NEAR_MISSES } from './output-corpus.js';
import {
  ANNOTATION_CONTROL,
  CONTROL,
  deceptive,
  GITHUB_REFERENCE,
  type Rendered,
  readCommand,
  render,
  textOf,
  visibleRuns,
} from './render-check.js';

/**
 * Issue 55, category 6: output never renders as something else. The one hostile corpus
 * (output-corpus.ts) through every format's writer, judged by what its reader would do with it:
 * the terminal (no control character reaches it), GitHub's runner (one command per finding, its
 * file and message unescaped exactly), a real Markdown renderer (the same table, tags and links
 * as for a plain name, no comment, no mention), SARIF (no embedded link, a URI that names the
 * file). Each hostile text's readable parts must still be there; the near misses print as they are.
 */

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
const finding = (text: string): Finding => ({
  rule: 'MIG001',
  severity: 'error',
  file: text,
  range,
  message: `DROP TABLE in ${text} loses data`,
  related: [{ file: text, range, message: `created in ${text}` }],
  fixes: [{ title: `rename ${text}`, edits: [] }],
});
const waiver = (file: string, reason: string): Waiver => ({
  file,
  line: 2,
  rules: ['MIG001'],
  reason,
  status: { kind: 'open-ended' },
});
const waivers = (text: string) => [
  waiver('db/0001_first.sql', 'first reason'),
  waiver(text, `archived first ${text}`),
  waiver('db/0003_third.sql', 'third reason'),
];
const NOW = new Date('2026-11-26T00:00:00Z');
const plainPaint = ((_style: unknown, text: string) => text) as unknown as Paint;
const hover = (text: string) =>
  `${patternMarkdown({
    list: 'protected.paths',
    pattern: text,
    decides: 2,
    negated: false,
    examples: [text],
    range,
  } as Parameters<typeof patternMarkdown>[0])}\n\nPostgreSQL said: ${hoverText(text)}`;

/** Tag counts, but links: a hostile text must render with the structure a plain name has. */
const shape = (r: Rendered) => {
  const counts: Record<string, number> = {};
  for (const m of r.html.matchAll(/<(!--|[a-zA-Z][a-zA-Z0-9]*)/g)) {
    const tag = (m[1] as string).toLowerCase();
    if (tag !== 'a') counts[tag] = (counts[tag] ?? 0) + 1;
  }
  return counts;
};
const PLAIN = 'plain-name.sql';
const unzw = (s: string) => s.replace(/\u200b/g, '');

function expectReadable(shown: string, text: string): void {
  for (const run of visibleRuns(text)) expect(unzw(shown)).toContain(run);
}

describe('issue 55 (6): one hostile corpus through every output format', () => {
  for (const h of HOSTILE) {
    describe(h.name, () => {
      it('text: no control character reaches the terminal, one line per location, the rest readable', () => {
        const out = renderText([finding(h.text)], 1);
        expect(out).not.toMatch(CONTROL);
        expect(out.split('\n')).toHaveLength(renderText([finding(PLAIN)], 1).split('\n').length);
        expectReadable(out, h.text);
        const terminal = renderForTerminal([finding(h.text)], 1, {
          paint: plainPaint,
          columns: 400,
          textOf: () => undefined,
        });
        expect(terminal).not.toMatch(CONTROL);
        expectReadable(terminal, h.text);
      });

      it('github: one workflow command, its file and message read back exactly, no control in either', () => {
        const lines = renderGithub([finding(h.text)])
          .trimEnd()
          .split('\n');
        expect(lines).toHaveLength(1);
        const line = lines[0] as string;
        expect(line).not.toMatch(CONTROL);
        const cmd = readCommand(line);
        expect(cmd.command).toBe('error');
        expect(Object.keys(cmd.props)).toEqual(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
        expect(cmd.props.title).toBe('Slipway MIG001');
        // The runner's %0A and %0D carry a file name's or a message's own line breaks, and nothing else.
        expect(cmd.props.file).not.toMatch(ANNOTATION_CONTROL);
        expect(cmd.data).not.toMatch(ANNOTATION_CONTROL);
        expectReadable(cmd.props.file as string, h.text);
        expectReadable(cmd.data, h.text);
      });

      it('markdown: the same table as for a plain name, no comment, tag, mention or deceptive link', () => {
        const r = render(renderMarkdown([finding(h.text)], 1));
        expect(shape(r)).toEqual(shape(render(renderMarkdown([finding(PLAIN)], 1))));
        expect(r.rows).toHaveLength(1);
        expect(r.rows[0]).toHaveLength(4);
        expect(deceptive(r.links)).toEqual([]);
        expect(r.prose).not.toMatch(GITHUB_REFERENCE);
        expect(r.text).not.toMatch(CONTROL);
        expectReadable(r.rows[0]?.[2] as string, h.text);
        expectReadable(r.rows[0]?.[3] as string, h.text);
      });

      it('hover: the pattern hover renders as for a plain name, its code spans show the text', () => {
        const r = render(hover(h.text));
        expect(shape(r)).toEqual(shape(render(hover(PLAIN))));
        expect(deceptive(r.links)).toEqual([]);
        expect(r.text).not.toMatch(CONTROL);
        const codes = [...r.html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1] as string);
        expectReadable(textOf(codes[0] as string), h.text);
        expectReadable(textOf(codes[2] as string), h.text);
        expectReadable(r.text.split('PostgreSQL said: ')[1] as string, h.text);
      });

      it('sarif: plain message text without an embedded link or control, a URI that names the file', () => {
        const result = toSarif([finding(h.text)], { rules: [], toolVersion: '0' }).runs[0]?.results?.[0];
        const texts = [
          result?.message.text,
          result?.relatedLocations?.[0]?.message?.text,
          result?.fixes?.[0]?.description?.text,
        ] as string[];
        for (const t of texts) {
          expect(t).not.toMatch(CONTROL);
          // SARIF 2.1.0 §3.11.6: `[text](target)` with its brackets unescaped is a link.
          expect(t).not.toMatch(/(?<!\\)\[(?:\\.|[^\]\\])*(?<!\\)\]\(/);
          expectReadable(t.replace(/\\([[\]\\])/g, '$1'), h.text);
        }
        const uri = result?.locations?.[0]?.physicalLocation?.artifactLocation?.uri as string;
        expect(uri).toMatch(/^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/);
        expect(decodeURIComponent(uri)).toBe(h.text);
      });

      it('waivers: the markdown table keeps every row (none hidden), the text one line per waiver', () => {
        const r = render(renderWaivers('markdown', waivers(h.text), new Map(), NOW));
        expect(shape(r)).toEqual(shape(render(renderWaivers('markdown', waivers(PLAIN), new Map(), NOW))));
        expect(r.rows.map((row) => row.length)).toEqual([5, 5, 5]);
        expect(r.rows[2]?.[4]).toBe('third reason');
        expect(deceptive(r.links)).toEqual([]);
        expect(r.prose).not.toMatch(GITHUB_REFERENCE);
        expect(r.text).not.toMatch(CONTROL);
        expectReadable(r.rows[1]?.[0] as string, h.text);
        expectReadable(r.rows[1]?.[4] as string, h.text);
        const text = renderWaivers('text', waivers(h.text), new Map(), NOW);
        expect(text).not.toMatch(CONTROL);
        expect(text.trimEnd().split('\n')).toHaveLength(4);
        expectReadable(text, h.text);
      });
    });
  }

  describe('near misses: ordinary names print as they are in every format', () => {
    for (const name of NEAR_MISSES) {
      it(name, () => {
        expect(renderText([finding(name)], 1)).toContain(`${name}:1:1: error MIG001 DROP TABLE in ${name}`);
        const cmd = readCommand(renderGithub([finding(name)]).trimEnd());
        expect(cmd.props.file).toBe(name);
        expect(cmd.data).toBe(`DROP TABLE in ${name} loses data`);
        const md = renderMarkdown([finding(name)], 1);
        expect(md).toContain(`| ${name}:1 | DROP TABLE in ${name} loses data |`);
        expect(render(md).rows[0]?.[2]).toBe(`${name}:1`);
        expect(hover(name)).toContain(`- \`${name}\``);
        expect(hoverText(name)).toBe(name);
        const result = toSarif([finding(name)], { rules: [], toolVersion: '0' }).runs[0]?.results?.[0];
        expect(result?.message.text).toBe(`DROP TABLE in ${name} loses data`);
        expect(
          decodeURIComponent(result?.locations?.[0]?.physicalLocation?.artifactLocation?.uri as string),
        ).toBe(name);
        const table = renderWaivers('markdown', waivers(name), new Map(), NOW);
        expect(table).toContain(`| \`${name}:2\` | MIG001 |`);
        expect(table).toContain(`| archived first ${name} |`);
      });
    }
    it('a name with a plain underscore or e-mail address is not escaped in Markdown; one that could be emphasis is', () => {
      const md = renderMarkdown([finding('a_b.sql'), finding('_init_.py'), finding('ops@example.com')], 1);
      expect(md).toContain('| a_b.sql:1 |');
      expect(md).toContain('| ops@example.com:1 |');
      expect(md).toContain('| \\_init\\_.py:1 |');
      expect(render(md).rows.map((r) => r[2])).toEqual(['a_b.sql:1', '_init_.py:1', 'ops@example.com:1']);
    });
    it('SARIF text with brackets but no link syntax is left as it is', () => {
      const f = {
        ...finding('pyproject.toml'),
        message: '`httpx` ([project] dependencies) is not in the lock',
      };
      expect(toSarif([f], { rules: [], toolVersion: '0' }).runs[0]?.results?.[0]?.message.text).toBe(
        f.message,
      );
    });
  });
});

describe('JSON output (`--format json`, every `--json`): a program reads the same text, a terminal no control', () => {
  for (const h of HOSTILE) {
    it(`${h.name}: escaped in the JSON, the very text once parsed`, () => {
      const json = renderJson([finding(h.text)], 1);
      expect(json).not.toMatch(CONTROL);
      const parsed = JSON.parse(json) as { findings: { file: string; message: string }[] };
      expect(parsed.findings[0]?.file).toBe(h.text);
      expect(JSON.parse(jsonText({ state: { message: h.text } })).state.message).toBe(h.text);
    });
  }
  it('near misses print as themselves', () => {
    for (const text of NEAR_MISSES) expect(jsonText({ file: text })).toContain(JSON.stringify(text));
  });
});

describe("Markdown: GitHub's own additions (bare-URL autolinks, :emoji: codes) are not made of the text", () => {
  const HOSTILE_MD = ['see http://127.0.0.1/x now', 'www.evil.example/login', ':rotating_light: all clear'];
  for (const text of HOSTILE_MD)
    it(`${JSON.stringify(text)}: no link, no emoji code, the same visible text`, () => {
      const r = render(markdownText(text));
      expect(r.links).toEqual([]);
      expect(r.text.trim().replace(/\u200b/g, '')).toBe(text);
      expect(r.text).not.toMatch(/:[a-z_]+:|https?:\/\/|(?<![\p{L}\u200b])www\./u);
    });
  it('near misses: a time, an e-mail address and a plain name are left as they are', () => {
    for (const text of ['at 10:30:00', 'mail user@example.com', 'plain-name.sql'])
      expect(markdownText(text)).toBe(text);
  });
});
