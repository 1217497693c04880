import type * as Sarif from 'sarif';
import type { BaselineScope, SuppressedFinding } from '../check-scope.js';
import type { Coverage } from '../layouts/coverage.js';
import { coverageReport } from '../layouts/coverage-report.js';
import type { Finding, Range } from '../finding.js';
import type { RuleMeta } from '../rule.js';
import { renderRuleDocs } from '../rules/rule-docs.js';
import { printedRange } from './locations.js';
import { printableLines } from './printable.js';
import { groupBy } from '../group-by.js';

export interface SarifOptions {
  /** Every rule known, so that `tool.driver.rules` documents them and results index into it. */
  rules: readonly RuleMeta[];
  toolVersion: string;
  /**
   * The baseline the check applied, when one was read: every result then carries `baselineState`
   * (SARIF 2.1.0 §3.27.24), `new` for the findings, and the accepted ones are listed too, as
   * `unchanged`, with an external suppression so that viewers that honour either hide them.
   */
  baseline?: BaselineScope;
  /**
   * Findings a `slipway: allow` comment lifted: listed with an `inSource` suppression carrying the
   * comment's reason (SARIF 2.1.0 §3.34), so that code scanning shows them as suppressed, not gone;
   * those a policy `waivers:` entry lifted, with an `external` one.
   */
  suppressed?: readonly SuppressedFinding[];
  /** What the check judged and saw unjudged: the run's `coverage` property (as `--format json`'s). */
  coverage?: Coverage;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<
  Finding['severity'],
  Sarif.Result.level
>;

/**
 * SARIF 2.1.0 for code-scanning uploads. File URIs are relative to `%SRCROOT%` (the repository
 * root); columns are UTF-16 code units, as `columnKind` declares. Typed with `@types/sarif`
 * (the OASIS schema as TypeScript), so a misspelt or misplaced property fails the type check.
 */
export function toSarif(findings: readonly Finding[], options: SarifOptions): Sarif.Log {
  const accepted = options.baseline?.findings ?? [];
  const lifted = options.suppressed ?? [];
  const used = new Set([...findings, ...accepted, ...lifted.map((s) => s.finding)].map((f) => f.rule));
  const rules = options.rules.filter((r) => used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Slipway',
            informationUri: 'https://www.npmjs.com/package/@slipway/policy-core',
            semanticVersion: options.toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              name: camel(r.title),
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.docs.what} ${r.docs.why}` },
              help: { text: renderRuleDocs(r, 'text'), markdown: renderRuleDocs(r, 'page') },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The repository root.' } } },
        columnKind: 'utf16CodeUnits',
        ...(options.coverage ? { properties: { coverage: sarifCoverage(options.coverage) } } : {}),
        results: [
          ...findings.map((f) => ({ f, state: options.baseline ? ('new' as const) : undefined })),
          ...accepted.map((f) => ({ f, state: 'unchanged' as const })),
          ...lifted.map((s) => ({
            f: s.finding,
            state: options.baseline ? ('new' as const) : undefined,
            lift: s,
          })),
        ].map(
          ({ f, state, lift }: { f: Finding; state?: 'new' | 'unchanged'; lift?: SuppressedFinding }) => ({
            ruleId: f.rule,
            ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
            level: LEVEL[f.severity],
            message: { text: sarifText(f.message) },
            locations: [location(f.file, f.range)],
            ...(f.related?.length
              ? {
                  relatedLocations: f.related.map((r, i) => ({
                    id: i,
                    ...location(r.file, r.range),
                    message: { text: sarifText(r.message) },
                  })),
                }
              : {}),
            ...(f.fixes?.length
              ? {
                  fixes: f.fixes.map((fix) => ({
                    description: { text: sarifText(fix.title) },
                    artifactChanges: groupByFile(fix.edits).map(([file, edits]) => ({
                      artifactLocation: { uri: encodeUri(file), uriBaseId: 'SRCROOT' },
                      replacements: edits.map((e) => ({
                        deletedRegion: region(e.range),
                        insertedContent: { text: e.newText },
                      })),
                    })),
                  })),
                }
              : {}),
            ...(state ? { baselineState: state } : {}),
            ...(state === 'unchanged'
              ? {
                  suppressions: [
                    {
                      kind: 'external' as const,
                      status: 'accepted' as const,
                      justification: sarifText(`accepted in the baseline ${options.baseline?.file}`),
                    },
                  ],
                }
              : {}),
            ...(lift !== undefined
              ? {
                  suppressions: [
                    {
                      kind: lift.kind ?? ('inSource' as const),
                      status: 'accepted' as const,
                      justification: sarifText(lift.justification),
                    },
                  ],
                }
              : {}),
          }),
        ),
      },
    ],
  };
}

/** The coverage report, its line escaped as a message is (the paths stay data, as in JSON). */
function sarifCoverage(coverage: Coverage) {
  const report = coverageReport(coverage);
  return { ...report, line: sarifText(report.line) };
}

/**
 * The SARIF format's escaping, for every `message.text` and justification. Their text is plain
 * (Slipway writes no `message.markdown` for a result), but SARIF 2.1.0 §3.11.6 makes
 * `[text](target)` in it an embedded link, which code scanning draws as one: where the text
 * holds `](`, its square brackets (and a backslash before one) are backslash-escaped, as the
 * standard says, so that no link comes of the repository's text; text without `](`
 * (`[project] dependencies`) stays as it is. printableLines first: viewers print it (a
 * terminal, a log), so no control character is left in it; its lines stay apart.
 */
export function sarifText(text: string): string {
  const shown = printableLines(text);
  return shown.includes('](') ? shown.replace(/\\(?=[[\]])/g, '\\\\').replace(/[[\]]/g, '\\$&') : shown;
}

export function renderSarif(findings: readonly Finding[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}

function location(file: string, range: Range): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUri(file), uriBaseId: 'SRCROOT' },
      region: region(range),
    },
  };
}

function region(range: Range): Sarif.Region {
  const r = printedRange(range);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/**
 * Percent-encodes a repo path for `artifactLocation.uri`. A path read from git with bytes that
 * are not UTF-8 carries each such byte as a lone surrogate U+DC80..U+DCFF (see the node
 * adapter's path-bytes); it becomes that very byte (`%E9`), so the URI names the file git has.
 * `encodeURIComponent` alone throws on lone surrogates.
 */
function encodeUri(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

function encodeSegment(segment: string): string {
  let out = '';
  let run = '';
  for (const ch of segment) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += encodeURIComponent(run);
      run = '';
      // An escaped byte maps back to itself; any other lone surrogate cannot be named in a URI.
      out +=
        code >= 0xdc80 && code <= 0xdcff ? `%${(code - 0xdc00).toString(16).toUpperCase()}` : '%EF%BF%BD';
    } else run += ch;
  }
  return out + encodeURIComponent(run);
}

function groupByFile<T extends { file: string }>(items: readonly T[]): [string, T[]][] {
  return [...groupBy(items, (it) => it.file)];
}

function camel(title: string): string {
  const words = title
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}
