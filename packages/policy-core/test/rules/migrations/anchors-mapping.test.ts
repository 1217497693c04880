import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * docs/squawk-mapping.md sets each anchor tool's checks (squawk, strong_migrations, pgfence,
 * Eugene) beside the Slipway rules that cover them. This holds its tables to their word without
 * the network: every id the page names is a rule, and a row that names none ("—") says why.
 * (squawk-mapping.test.ts runs the real squawk against the squawk table.)
 */
const PAGE = join(import.meta.dirname, '../../../../../docs/squawk-mapping.md');
const TOOLS = ['squawk', 'strong_migrations', 'pgfence', 'Eugene'];
/** A rule id as the page writes one: MIG044, SUP001, DB003. */
const RULE_ID = /\b[A-Z]{2,4}\d{3}\b/g;

interface Row {
  section: string;
  line: number;
  cells: string[];
}

interface Page {
  /** Each `## ` section's prose before its table, by heading. */
  prose: Map<string, string>;
  rows: Row[];
}

/** The page's table rows (header and separator lines left out) and each section's prose. */
function readPage(text: string): Page {
  const lines = text.split('\n');
  const prose = new Map<string, string>();
  const rows: Row[] = [];
  let section = '';
  lines.forEach((line, i) => {
    if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      prose.set(section, '');
      return;
    }
    const separator = /^\|(-+\|)+$/;
    if (!line.startsWith('|')) {
      if (!rows.some((r) => r.section === section))
        prose.set(section, `${prose.get(section) ?? ''}${line}\n`);
      return;
    }
    if (separator.test(line) || separator.test(lines[i + 1] ?? '')) return;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    rows.push({ section, line: i + 1, cells });
  });
  return { prose, rows };
}

/** What the page says that is not so: ids that are no rule, rows that name no rule and say not why. */
function problems(text: string, ruleIds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const id of new Set(text.match(RULE_ID) ?? []))
    if (!ruleIds.has(id)) out.push(`${id} is no Slipway rule`);
  for (const { section, line, cells } of readPage(text).rows) {
    const at = `${section}, line ${line}`;
    if (cells.length !== 3) {
      out.push(`${at}: ${cells.length} cells, not check | Slipway | notes`);
      continue;
    }
    const [, slipway, notes] = cells as [string, string, string];
    if (slipway === '—' && notes === '') out.push(`${at}: "—" without a note saying why`);
    if (slipway !== '—' && (slipway.match(RULE_ID) ?? []).length === 0)
      out.push(`${at}: Slipway cell "${slipway}" names no rule and is not "—"`);
  }
  return out;
}

const RULE_IDS = new Set(RULES.map((r) => r.id));

describe('docs/squawk-mapping.md: the anchors beside Slipway', () => {
  it('finds an id that is no rule, a bare "—" and an empty Slipway cell; passes a named rule and an explained "—"', () => {
    const page = [
      '## tool',
      '',
      '| its check | Slipway | notes |',
      '|---|---|---|',
      '| `a` | MIG999 | |',
      '| `b` | — | |',
      '| `c` | | a note |',
      '| `d` | MIG001 | |',
      '| `e` | — | a type preference |',
    ].join('\n');
    expect(problems(page, RULE_IDS)).toEqual([
      'MIG999 is no Slipway rule',
      'tool, line 6: "—" without a note saying why',
      'tool, line 7: Slipway cell "" names no rule and is not "—"',
    ]);
  });

  const text = readFileSync(PAGE, 'utf8');
  const page = readPage(text);

  it('has a table for each anchor, citing the version it was read at', () => {
    for (const tool of TOOLS) {
      expect(page.prose.get(tool), `a "## ${tool}" section`).toBeDefined();
      expect(page.prose.get(tool), `${tool}: a version before its table`).toMatch(/\b\d+\.\d+(\.\d+)?\b/);
      expect(page.rows.filter((r) => r.section === tool).length, `${tool}: its rows`).toBeGreaterThan(10);
    }
  });

  it('names only rules that exist, and says why wherever it names none', () => {
    expect(problems(text, RULE_IDS)).toEqual([]);
  });
});
