import {
  FAMILY_NAMES,
  type RuleMeta,
  renderRuleDocs,
  replaceRuleTable,
  ruleTable,
  TABLE_END,
  TABLE_START,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// The docs pages test (rule-docs-pages.test.ts) holds the page format to the files in docs/rules;
// these hold each format to its words on a made-up rule whose examples use every part an example
// may have (labels, commits, deletions, line counts, files beside and on the base), which no one
// real rule does: `slipway explain`, SARIF's help text and the editor's hover read them.

const docs = { what: 'What.', why: 'Why.', fix: 'Fix.', suppress: 'Suppress.' };

/** A rule with every part an example can show. */
const full: RuleMeta = {
  id: 'AGT009',
  name: 'made-up',
  family: 'AGT',
  defaultSeverity: 'error',
  title: 'A title | with a bar',
  facts: 'agents',
  dialects: ['postgresql', 'sqlite'],
  docs: {
    ...docs,
    examples: [
      {
        verdict: 'flagged',
        file: 'migrations/0001.sql',
        text: 'DROP TABLE a;\nDROP TABLE b;\n\n',
        change: {
          branch: 'auto/x',
          labels: ['a', 'b'],
          files: ['migrations/0001.sql', 'docs/a.md'],
          deleted: ['old.sql', 'older.sql'],
          lines: { added: 3, removed: 1 },
          base: { 'same.txt': 'same\n', 'shared.yaml': 'k: 1\n' },
          baseBranchAdded: { 'late.toml': 'x = 1\n' },
          commits: [
            {
              author: 'A <a@x>',
              committer: 'B <b@x>',
              message: 'Fix login\n\nSlipway-Event: PROMOTE\n  \nWhy: x',
              files: [],
            },
            { author: 'C <c@x>', committer: 'C <c@x>', message: 'Only subject', files: [] },
            { author: 'D <d@x>', message: 'No committer', files: [] },
          ],
        },
        env: { CI: 'true', X: '1' },
        assumes: 'assuming a thing',
        beside: { 'same.txt': 'same\n', 'slipway.yml': 'version: 1\n' },
      },
      { verdict: 'fine', file: 'README', text: 'hi', change: { branch: 'main', labels: ['one'], files: [] } },
      {
        verdict: 'fine',
        file: 'a.unknown',
        text: '  t',
        change: { branch: 'b', labels: [], files: ['a.unknown'] },
      },
    ],
  },
};

/** A rule with no examples and no dialects. */
const bare: RuleMeta = {
  id: 'PATH099',
  name: 'bare',
  family: 'PATH',
  defaultSeverity: 'warning',
  title: 'Bare',
  facts: 'paths',
  docs: { ...docs, examples: [] },
};

const fullLabel =
  'Flagged, on a change from branch `auto/x` with labels `a`, `b`, changing `migrations/0001.sql`, `docs/a.md`, ' +
  'deleting `old.sql`, `older.sql`, adding 3 lines and removing 1, ' +
  'with commit "Fix login" (Slipway-Event: PROMOTE; Why: x) by `A <a@x>`, committed by `B <b@x>`, ' +
  'with commit "Only subject" by `C <c@x>`, with commit "No committer" by `D <d@x>`, ' +
  'with `CI=true`, with `X=1`, assuming a thing';

/** The four sections of `docs` as the text format writes them. */
const TEXT_SECTIONS = [
  '',
  'What it flags:',
  'What.',
  '',
  'Why it matters:',
  'Why.',
  '',
  'How to fix it:',
  'Fix.',
  '',
  'How to suppress or configure it:',
  'Suppress.',
];

const dialects = 'runs only when `migrations.dialect` is postgresql or sqlite (the default is postgresql)';

describe('renderRuleDocs', () => {
  it("text: the terminal's and SARIF's words, every part of an example in them", () => {
    expect(renderRuleDocs(full, 'text')).toBe(
      [
        'AGT009 — A title | with a bar',
        `family AGT, default severity error; ${dialects}`,
        ...TEXT_SECTIONS,
        '',
        'Examples:',
        `${fullLabel}, in migrations/0001.sql:`,
        '    DROP TABLE a;',
        '    DROP TABLE b;',
        '  beside it, as on the base, same.txt:',
        '    same',
        '  beside it, slipway.yml:',
        '    version: 1',
        '  on the base, shared.yaml:',
        '    k: 1',
        '  added to the base branch since the change forked, late.toml:',
        '    x = 1',
        'Not flagged, on a change from branch `main` with label `one`, in README:',
        '    hi',
        'Not flagged, on a change from branch `b` with no label, changing `a.unknown`, in a.unknown:',
        '      t',
        '',
      ].join('\n'),
    );
  });

  it('text: no dialect note and no examples section when a rule has neither', () => {
    expect(renderRuleDocs(bare, 'text')).toBe(
      ['PATH099 — Bare', 'family PATH, default severity warning', ...TEXT_SECTIONS, ''].join('\n'),
    );
  });

  it('page: a fenced block per file, in the language its extension names', () => {
    expect(renderRuleDocs(full, 'page')).toBe(
      [
        '# AGT009: A title | with a bar',
        '',
        'Family: agent change caps (`AGT`). Default severity: **error**. Runs only when `migrations.dialect` is postgresql or sqlite (the default is postgresql).',
        '',
        '## What it flags',
        '',
        'What.',
        '',
        '## Why it matters',
        '',
        'Why.',
        '',
        '## How to fix it',
        '',
        'Fix.',
        '',
        '## How to suppress or configure it',
        '',
        'Suppress.',
        '',
        '## Examples',
        '',
        `${fullLabel}, in \`migrations/0001.sql\`:`,
        '',
        '```sql',
        'DROP TABLE a;',
        'DROP TABLE b;',
        '```',
        '',
        'Beside it, as on the base, `same.txt`:',
        '',
        '```',
        'same',
        '```',
        '',
        'Beside it, `slipway.yml`:',
        '',
        '```yaml',
        'version: 1',
        '```',
        '',
        'On the base, `shared.yaml`:',
        '',
        '```yaml',
        'k: 1',
        '```',
        '',
        'Added to the base branch since the change forked, `late.toml`:',
        '',
        '```toml',
        'x = 1',
        '```',
        '',
        'Not flagged, on a change from branch `main` with label `one`, in `README`:',
        '',
        '```',
        'hi',
        '```',
        '',
        'Not flagged, on a change from branch `b` with no label, changing `a.unknown`, in `a.unknown`:',
        '',
        '```',
        '  t',
        '```',
        '',
        'See also: `slipway explain AGT009`.',
        '',
      ].join('\n'),
    );
  });

  it('page: no dialect sentence and no examples heading when a rule has neither', () => {
    const page = renderRuleDocs(bare, 'page');
    expect(page.split('\n').slice(0, 3)).toEqual([
      '# PATH099: Bare',
      '',
      'Family: protected paths and agent scope (`PATH`). Default severity: **warning**.',
    ]);
    expect(page.endsWith('Suppress.\n\nSee also: `slipway explain PATH099`.\n')).toBe(true);
  });

  it('hover: a one-line header and the sections, without examples', () => {
    expect(renderRuleDocs(full, 'hover')).toBe(
      [
        '**AGT009** · A title | with a bar _(default: error)_',
        '',
        '**What it flags.** What.',
        '',
        '**Why it matters.** Why.',
        '',
        '**How to fix it.** Fix.',
        '',
        '**How to suppress or configure it.** Suppress.',
      ].join('\n'),
    );
  });

  it('hover over a file without a lasting comment: a waiver lifts the finding, except for the rules no waiver lifts', () => {
    const note = (rule: RuleMeta) =>
      renderRuleDocs(rule, 'hover', { noCommentsIn: { policyFile: 'ops/slipway.yaml' } })
        .split('\n\n')
        .at(-1);
    expect(note(full)).toBe(
      'This file has no comment that lasts: lift one finding with a `waivers:` entry in `ops/slipway.yaml` ' +
        '(`rule: AGT009`, this file under `paths`, `until`, `reason`, `approved_by`), or configure the rule there (`rules: { AGT009: off }`).',
    );
    for (const family of ['SUP', 'POL'] as const)
      expect(note({ ...bare, id: `${family}001`, family })).toBe(
        `This file has no comments: configure the rule in \`ops/slipway.yaml\` instead (\`rules: { ${family}001: off }\`).`,
      );
  });
});

describe('the README rule table', () => {
  it('one row per rule, its family in words and a bar in its title escaped', () => {
    expect(ruleTable([full, bare])).toBe(
      [
        TABLE_START,
        '| rule | family | default | flags |',
        '|---|---|---|---|',
        `| [AGT009](docs/rules/AGT009.md) | ${FAMILY_NAMES.AGT} | error | A title \\| with a bar |`,
        '| [PATH099](docs/rules/PATH099.md) | protected paths and agent scope | warning | Bare |',
        TABLE_END,
      ].join('\n'),
    );
  });

  it('replaces from the start marker to the first end marker after it, the text around kept', () => {
    expect(replaceRuleTable(`a\n${TABLE_START}\nold\n${TABLE_END}\nb`, 'NEW')).toBe('a\nNEW\nb');
    expect(replaceRuleTable(`${TABLE_START}old${TABLE_END}`, 'NEW')).toBe('NEW');
    expect(replaceRuleTable(`${TABLE_END} x ${TABLE_START}old${TABLE_END}!`, 'NEW')).toBe(
      `${TABLE_END} x NEW!`,
    );
  });

  it('undefined when a marker is missing, or the end marker comes only before the start', () => {
    expect(replaceRuleTable('no table here', 'NEW')).toBeUndefined();
    expect(replaceRuleTable(`${TABLE_START} and no end`, 'NEW')).toBeUndefined();
    expect(replaceRuleTable(`no start ${TABLE_END}`, 'NEW')).toBeUndefined();
    // An end marker well into the text, and no start: not a table either.
    expect(replaceRuleTable(`${'x'.repeat(100)}${TABLE_END}`, 'NEW')).toBeUndefined();
    expect(replaceRuleTable(`${TABLE_END} before ${TABLE_START}`, 'NEW')).toBeUndefined();
  });
});
