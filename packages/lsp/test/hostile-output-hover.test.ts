import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { HOSTILE, NEAR_MISSES } from '../../../test/hostile/output-corpus.js';
import {
  CONTROL,
  deceptive,
  type Rendered,
  render,
  textOf,
  visibleRuns,
} from '../../../test/hostile/render-check.js';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * Issue 55, category 6, in the editor: the real language server over stdio, hovering over a
 * policy pattern whose one file has a hostile name of the corpus (and over hostile patterns
 * themselves). The hover is Markdown: rendered (marked, VS Code's renderer of hovers), it must
 * have the structure a plain name's hover has, the name readable in its code span, no
 * control character; the diagnostics quoting a pattern are plain text without one.
 */

const NAMED = HOSTILE.filter((h) => h.inFileName);
const NAMES = [...NAMED.map((h) => h.text), ...NEAR_MISSES];
/**
 * Patterns that are hostile text themselves (they match nothing, and the hover says so): those
 * the policy accepts as patterns (no `\`, `//` or unclosed `[`, which make the policy invalid).
 */
const PATTERNS = HOSTILE.map((h) => h.text)
  .filter((t) => !/[\\\u0000]|\/\/|\[(?![^\]]*\])/.test(t))
  // Under a folder that is not there: a pattern the same as a file's name would decide that file.
  .map((t) => `nothere/${t}`);

/** A YAML double-quoted scalar of any text: every control, C1 or bidi character as `\uXXXX`. */
const yamlString = (s: string) =>
  `"${[...s]
    .map((ch) => {
      const c = ch.codePointAt(0) as number;
      if (ch === '"' || ch === '\\') return `\\${ch}`;
      return CONTROL.test(ch) || ch === '\n' ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
    })
    .join('')}"`;

const POLICY = `version: 1
protected:
  label: approved-core-change
  paths:
${NAMES.map((_, i) => `    - "d${i}/"`).join('\n')}
${PATTERNS.map((p) => `    - ${yamlString(p)}`).join('\n')}
`;
/** The line of the i-th pattern (0-based), and a column on it. */
const lineOf = (i: number) => 4 + i;

describe('issue 55 (6): hovers over hostile names through the language server over stdio', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;
  const hover = async (line: number): Promise<string> => {
    const h = (await lsp.hover('slipway.yaml', line, 7)) as { contents: MarkupContent } | null;
    return h?.contents.value ?? '';
  };
  /** Tag counts but links (an autolink shows its own address; deceptive() judges links). */
  const shape = (r: Rendered) => {
    const counts: Record<string, number> = {};
    for (const m of r.html.matchAll(/<(!--|[a-zA-Z][a-zA-Z0-9]*)/g)) {
      const tag = (m[1] as string).toLowerCase();
      if (tag !== 'a') counts[tag] = (counts[tag] ?? 0) + 1;
    }
    return counts;
  };
  let plain: Rendered;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      ...Object.fromEntries(NAMES.map((n, i) => [`d${i}/${n}`, 'x = 1\n'])),
    });
    lsp = await LspSession.start(repo.dir);
    await lsp.open('slipway.yaml', POLICY, 'yaml');
    plain = render(await hover(lineOf(NAMES.indexOf('plain-name.sql'))));
  }, 120_000);
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('the near miss hovers as it always did: the name as it is, in a code span', async () => {
    for (const n of NEAR_MISSES) {
      const value = await hover(lineOf(NAMES.indexOf(n)));
      expect(value).toContain(
        `decides 1 file — protected: changes need the label.\n\n- \`d${NAMES.indexOf(n)}/${n}\``,
      );
    }
    expect(shape(plain)).toEqual({ p: 2, strong: 1, code: 4, ul: 1, li: 1 });
  });

  for (const h of NAMED) {
    it(`a file named with ${h.name}: the hover renders as a plain name's, the name readable`, async () => {
      const value = await hover(lineOf(NAMES.indexOf(h.text)));
      expect(value).toContain('decides 1 file — protected');
      const r = render(value);
      expect(shape(r)).toEqual(shape(plain));
      expect(deceptive(r.links)).toEqual([]);
      expect(r.text).not.toMatch(CONTROL);
      const example = /<li><code>([\s\S]*?)<\/code><\/li>/.exec(r.html)?.[1] as string;
      for (const run of visibleRuns(h.text)) expect(textOf(example)).toContain(run);
    });
  }

  it('a pattern that is itself hostile text: its hover renders as a plain pattern, shown in a code span', async () => {
    for (const [i, p] of PATTERNS.entries()) {
      // The pattern's part; the rule docs of its finding (POL002: it matches no file) follow.
      const value = (await hover(lineOf(NAMES.length + i))).split('\n\n---\n\n')[0] as string;
      const r = render(value);
      expect(r.text, `${p}: ${value}`).not.toMatch(CONTROL);
      expect(deceptive(r.links), p).toEqual([]);
      expect(r.html.startsWith('<p><strong><code>'), `${p}: ${r.html}`).toBe(true);
      expect(r.tags.has('!--') || r.tags.has('img') || r.tags.has('em') || r.tags.has('del'), p).toBe(false);
      const head = /<strong><code>([\s\S]*?)<\/code><\/strong>/.exec(r.html)?.[1] as string;
      for (const run of visibleRuns(p)) expect(textOf(head), p).toContain(run);
    }
  });

  it('diagnostics quoting a pattern are plain text without a control character', async () => {
    const diagnostics = await lsp.pull('slipway.yaml');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.message).not.toMatch(CONTROL);
  });
});
