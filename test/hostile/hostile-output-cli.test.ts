import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { HOSTILE, NEAR_MISSES } from './output-corpus.js';
import {
  ANNOTATION_CONTROL,
  CONTROL,
  deceptive,
  GITHUB_REFERENCE,
  readCommand,
  render,
  visibleRuns,
} from './render-check.js';

/**
 * Issue 55, category 6, end to end: a real repository whose migrations carry every hostile name
 * of the corpus that a file can have (and the near misses), and whose waivers give hostile
 * reasons, through the built CLI in each format, judged as hostile-output.test.ts judges the
 * writers: what reaches the terminal, GitHub's runner, a Markdown renderer and a SARIF viewer.
 */

const POLICY = 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n';
const DROP = (table: string, waiver = '') =>
  `SET lock_timeout = '5s';\nDROP TABLE ${table};${waiver ? ` -- slipway: allow MIG001 -- ${waiver}` : ''}\n`;
const NAMED = HOSTILE.filter((h) => h.inFileName);
/** A migration's path for a name (every file under db/ ending .sql is a migration). */
const fileOf = (name: string) => `db/${name}${name.endsWith('.sql') ? '' : '.sql'}`;
/** A reason is the rest of its comment's line: a line break in one ends it (the table test has them). */
const oneLine = (s: string) => s.replace(/[\r\n]/g, ' ');
const unzw = (s: string) => s.replace(/\u200b/g, '');

describe('issue 55 (6): hostile names and reasons through the built CLI', () => {
  let repo: TempRepo;
  const files = [...NAMED.map((h) => h.text), ...NEAR_MISSES].map(fileOf);
  const check = (format: string) => slipway(['check', '--tree', '--format', format], { cwd: repo.dir });

  beforeAll(() => {
    repo = new TempRepo({ 'slipway.yaml': POLICY });
    repo.write(Object.fromEntries(files.map((f, i) => [f, DROP(`t${i}`)])));
    // Waivers: a hostile reason between two plain ones, so that a reason hiding what follows shows.
    repo.write({
      'waived/0001_first.sql': DROP('a', 'first reason'),
      ...Object.fromEntries(HOSTILE.map((h, i) => [`waived/0002_${i}.sql`, DROP(`w${i}`, oneLine(h.text))])),
      'waived/0003_last.sql': DROP('z', 'last reason'),
    });
    repo.write({ 'slipway.yaml': `${POLICY.replace('"db/**/*.sql"', '"db/**/*.sql", "waived/*.sql"')}` });
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'hostile names');
  });
  afterAll(() => repo?.dispose());

  it('the repository holds every hostile file name (git listed them all)', () => {
    const listed = repo.git('ls-files', '-z').split('\0');
    for (const f of files) expect(listed).toContain(f);
  });

  it('text: no control character reaches the terminal; each name readable, each near miss as it is', () => {
    const r = check('text');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(CONTROL);
    for (const h of NAMED) for (const run of visibleRuns(h.text)) expect(r.stdout).toContain(run);
    for (const n of NEAR_MISSES) expect(r.stdout).toContain(`${fileOf(n)}:2:1: error MIG001`);
  });

  it('github: every line is one workflow command, none forged, every file read back readable', () => {
    const r = check('github');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(r.stdout).not.toMatch(CONTROL);
    const commands = lines.map(readCommand);
    for (const c of commands) expect(['error', 'warning', 'notice']).toContain(c.command);
    const json = JSON.parse(check('json').stdout) as { findings: unknown[] };
    expect(commands).toHaveLength(json.findings.length);
    const shown = commands.map((c) => c.props.file as string);
    for (const f of shown) expect(f).not.toMatch(ANNOTATION_CONTROL);
    for (const h of NAMED)
      for (const run of visibleRuns(h.text)) expect(shown.some((f) => f.includes(run))).toBe(true);
    for (const n of NEAR_MISSES) expect(shown).toContain(fileOf(n));
  });

  it('markdown: one table row per finding, no comment, tag, mention or deceptive link', () => {
    const r = check('markdown');
    expect(r.code).toBe(1);
    const md = render(r.stdout);
    const json = JSON.parse(check('json').stdout) as { findings: unknown[] };
    expect(md.rows).toHaveLength(json.findings.length);
    expect(md.rows.every((row) => row.length === 4)).toBe(true);
    expect(
      [...md.tags].filter((t) => !['h2', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a'].includes(t)),
    ).toEqual([]);
    expect(deceptive(md.links)).toEqual([]);
    expect(md.prose).not.toMatch(GITHUB_REFERENCE);
    expect(md.text).not.toMatch(CONTROL);
    const where = md.rows.map((row) => unzw(row[2] as string));
    for (const h of NAMED)
      for (const run of visibleRuns(h.text))
        expect(
          where.some((w) => w.includes(run)),
          run,
        ).toBe(true);
    for (const n of NEAR_MISSES) expect(r.stdout).toContain(`| ${fileOf(n)}:2 |`);
  });

  it('sarif: no control or embedded link in any message, every URI names its file', () => {
    const r = check('sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const results = log.runs[0].results as {
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      suppressions?: { justification: string }[];
    }[];
    const uris = results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri as string);
    // The waived findings are listed as suppressed, their reasons as the justification.
    const justifications = results.flatMap((x) => (x.suppressions ?? []).map((j) => j.justification));
    // Not the file whose reason holds a NUL: git and the check read it as binary, no migration.
    const judged = HOSTILE.filter((h) => !h.text.includes('\u0000')).length + 2;
    expect(justifications, JSON.stringify(justifications)).toHaveLength(judged);
    for (const text of [...results.map((x) => x.message.text), ...justifications]) {
      expect(text).not.toMatch(CONTROL);
      expect(text).not.toMatch(/(?<!\\)\[(?:\\.|[^\]\\])*(?<!\\)\]\(/);
    }
    for (const u of uris) expect(u).toMatch(/^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/);
    const named = new Set(uris.map(decodeURIComponent));
    for (const f of files) expect(named).toContain(f);
    for (const n of ['a_b.sql', 'plain-name.sql', 'snake_case_name.sql']) expect(uris).toContain(fileOf(n));
  });

  it('waivers --format markdown: every waiver keeps its row, no reason comments out, pings or links', () => {
    const r = slipway(['waivers', '--format', 'markdown'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const md = render(r.stdout);
    expect(md.rows).toHaveLength(HOSTILE.length + 2);
    expect(md.rows.every((row) => row.length === 5)).toBe(true);
    expect(md.rows[0]?.[4]).toBe('first reason');
    expect(md.rows.at(-1)?.[4]).toBe('last reason');
    expect(
      [...md.tags].filter(
        (t) => !['h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'a'].includes(t),
      ),
    ).toEqual([]);
    expect(deceptive(md.links)).toEqual([]);
    expect(md.prose).not.toMatch(GITHUB_REFERENCE);
    expect(md.text).not.toMatch(CONTROL);
    const reasons = md.rows.map((row) => unzw(row[4] as string));
    for (const h of HOSTILE)
      for (const run of visibleRuns(oneLine(h.text)))
        expect(
          reasons.some((x) => x.includes(run.trim())),
          `${run} in ${JSON.stringify(reasons)}`,
        ).toBe(true);
  });

  it('waivers (text): one line per waiver, no control character', () => {
    const r = slipway(['waivers'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(HOSTILE.length + 3);
  });
});
