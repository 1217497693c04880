import { createRequire } from 'node:module';
import {
  allRules,
  type Finding,
  renderGithub,
  renderJson,
  renderText,
  toJsonReport,
  toSarif,
} from '@slipway/policy-core';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

const findings: Finding[] = [
  {
    rule: 'POL002',
    severity: 'warning',
    message: 'pattern matches nothing: fix it, or remove it.',
    file: 'slipway.yaml',
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } },
    related: [
      {
        file: 'dir with space/ü.py',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        message: 'here',
      },
    ],
  },
  {
    rule: 'SUP002',
    severity: 'error',
    message: 'line one\nline two, 100% sure: yes',
    file: 'a,b:c.py',
    range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
    fixes: [
      {
        title: 'add a reason',
        edits: [
          {
            file: 'a,b:c.py',
            range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } },
            newText: ' -- why',
          },
        ],
      },
    ],
  },
  {
    rule: 'POL003',
    severity: 'info',
    message: 'info',
    file: 'slipway.yaml',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  },
];

describe('JSON output', () => {
  it('follows the v1 contract: 1-based lines and columns, exclusive endColumn, summary', () => {
    const report = toJsonReport(findings, 14);
    expect(report.version).toBe(1);
    expect(report.findings[0]).toEqual({
      rule: 'POL002',
      severity: 'warning',
      message: findings[0]?.message,
      file: 'slipway.yaml',
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 21,
      related: [
        { file: 'dir with space/ü.py', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'here' },
      ],
      fixes: [],
    });
    // A finding with neither still carries both, empty: readers need not test for absence.
    expect(report.findings[2]).toMatchObject({ related: [], fixes: [] });
    expect(report.findings[1]?.fixes?.[0]?.edits[0]).toMatchObject({
      line: 1,
      column: 10,
      newText: ' -- why',
    });
    expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 1, filesChecked: 14 });
    expect(JSON.parse(renderJson(findings, 14))).toEqual(report);
  });

  it('marks an edit that writes a new file with create, and only that one', () => {
    const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const edits = toJsonReport(
      [
        {
          ...(findings[2] as Finding),
          fixes: [
            {
              title: 'validate later',
              edits: [
                { file: 'a.sql', range: at0, newText: 'x' },
                { file: 'b.sql', range: at0, newText: 'VALIDATE;\n', create: true },
              ],
            },
          ],
        },
      ],
      1,
    ).findings[0]?.fixes[0]?.edits;
    expect(edits?.map((e) => [e.file, e.create])).toEqual([
      ['a.sql', undefined],
      ['b.sql', true],
    ]);
  });
});

describe('text output', () => {
  it('prints file:line:col, related locations and a summary', () => {
    const text = renderText(findings, 3);
    expect(text).toContain('slipway.yaml:4:5: warning POL002 pattern matches nothing');
    expect(text).toContain('    dir with space/ü.py:1:1: here');
    expect(text).toContain('    fix available: add a reason');
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 error, 1 warning, 1 info in 3 files checked.');
    expect(renderText([], 1)).toBe('No findings (1 file checked).\n');
  });
});

describe('GitHub annotations', () => {
  it('escapes data and properties as the runner expects', () => {
    const lines = renderGithub(findings).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::warning file=slipway.yaml,line=4,col=5,endLine=4,endColumn=21,title=Slipway POL002::pattern matches nothing: fix it, or remove it.',
    );
    expect(lines[1]).toBe(
      '::error file=a%2Cb%3Ac.py,line=1,col=1,endLine=2,endColumn=1,title=Slipway SUP002::line one%0Aline two, 100%25 sure: yes',
    );
    expect(lines[2]).toMatch(/^::notice /);
    expect(renderGithub([])).toBe('');
  });
});

describe('SARIF output', () => {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);

  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = toSarif(findings, { rules: allRules(), toolVersion: '1.2.3' });
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects a log that breaks the schema (so the check above can fail)', () => {
    const log = toSarif(findings, { rules: allRules(), toolVersion: '1.2.3' });
    // The type forbids this level; the schema must too.
    (log.runs[0]!.results![0] as { level: string }).level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('lists what a comment lifted as suppressed in source, with its reason, and still validates', () => {
    const [lifted, ...rest] = findings;
    if (!lifted) throw new Error('no finding to lift');
    const log = toSarif(rest, {
      rules: allRules(),
      toolVersion: '1.2.3',
      suppressed: [{ finding: lifted, justification: 'archived first (until 2027-01-31)' }],
    });
    expect(validate(log)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(findings.length);
    expect(results.at(-1)?.ruleId).toBe(lifted.rule);
    expect(results.at(-1)?.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'archived first (until 2027-01-31)' },
    ]);
    expect(results.slice(0, -1).map((r) => r.suppressions)).toEqual(rest.map(() => undefined));
  });

  it('validates with no findings too', () => {
    expect(validate(toSarif([], { rules: allRules(), toolVersion: '1.2.3' }))).toBe(true);
  });

  it('maps severities, regions, rule indexes, related locations and fixes', () => {
    const log = toSarif(findings, { rules: allRules(), toolVersion: '1.2.3' });
    const run = log.runs[0]!;
    const [a, b, c] = run.results ?? [];
    expect(a?.level).toBe('warning');
    expect(b?.level).toBe('error');
    expect(c?.level).toBe('note');
    expect(run.tool.driver.rules?.[a?.ruleIndex ?? -1]?.id).toBe('POL002');
    expect(a?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'slipway.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 21 },
    });
    expect(a?.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      'dir%20with%20space/%C3%BC.py',
    );
    expect(b?.fixes?.[0]?.artifactChanges[0]?.replacements[0]).toEqual({
      deletedRegion: { startLine: 1, startColumn: 10, endLine: 1, endColumn: 10 },
      insertedContent: { text: ' -- why' },
    });
  });
});
