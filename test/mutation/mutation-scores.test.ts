import { readdirSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import {
  assembledPartRow,
  assembledRow,
  folderOfPart,
  JUDGES,
  judgesOf,
  PARTS,
  partRowFor,
  partRowsOf,
  partsCover,
  rowFor,
  rowsOf,
  scoreOf,
  TARGETS,
  treeOf,
  withPartRow,
  withRow,
  // @ts-expect-error: a plain .mjs script (scripts/mutate.mjs's pure half), no declarations
} from '../../scripts/mutation-scores.mjs';

const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 2 } });
const report = {
  files: {
    'packages/policy-core/src/agents/trailers.ts': {
      mutants: [
        { status: 'Killed', location: at(3), mutatorName: 'StringLiteral' },
        { status: 'Timeout', location: at(4), mutatorName: 'BlockStatement' },
        { status: 'Survived', location: at(9), mutatorName: 'EqualityOperator', replacement: 'a <= b' },
        { status: 'NoCoverage', location: at(12), mutatorName: 'BooleanLiteral', replacement: 'false' },
        { status: 'Ignored', location: at(20), mutatorName: 'EqualityOperator' },
        { status: 'CompileError', location: at(21), mutatorName: 'ArrayDeclaration' },
      ],
    },
  },
};

describe('pnpm mutate: the score and its table', () => {
  it("counts Stryker's score: detected over valid, a justified or uncompilable mutant counts for nothing", () => {
    const s = scoreOf(report);
    expect(s.score).toBe(50);
    expect(s).toMatchObject({ detected: 2, survived: 1, noCoverage: 1, ignored: 1 });
    expect(s.survivors.map((m: { line: number; status: string }) => `${m.line} ${m.status}`)).toEqual([
      '9 Survived',
      '12 NoCoverage',
    ]);
    expect(scoreOf({ files: {} }).score).toBeNull();
  });

  it("rewrites one folder's row beside its target, keeps the others, and records the tree it measured", () => {
    const doc = readFileSync(new URL('../../docs/mutation-scores.md', import.meta.url), 'utf8');
    const before = rowsOf(doc);
    expect([...before.keys()]).toEqual(Object.keys(TARGETS));
    const folder = 'packages/policy-core/src/agents';
    const row = rowFor(folder, scoreOf(report), 'a'.repeat(40), '2026-11-27');
    expect(row).toContain('50.0 % FAIL');
    expect(row).toContain('≥ 90 %');
    const after = withRow(doc, folder, row);
    const rows = rowsOf(after);
    expect(rows.get(folder)).toBe(row);
    expect(treeOf(row)).toBe('a'.repeat(12));
    for (const other of Object.keys(TARGETS).filter((f) => f !== folder))
      expect(rows.get(other)).toBe(before.get(other));
    expect(after.slice(0, after.indexOf('<!--'))).toBe(doc.slice(0, doc.indexOf('<!--')));
    const passing = rowFor(
      'packages/policy-core/src/deploy',
      { ...scoreOf(report), score: 80 },
      'b'.repeat(40),
      'd',
    );
    expect(passing).toContain('80.0 % PASS');
  });

  it('refuses a document whose table markers are gone', () => {
    expect(() => rowsOf('# Mutation scores\n')).toThrow(/markers/);
  });
});

describe('pnpm mutate: which tests judge a folder', () => {
  it('gives a file the judges of the folder of JUDGES that holds it, and none to other folders', () => {
    const own = judgesOf('packages/policy-core/src/suppressions');
    expect(own).toContain('packages/policy-core/test/suppressions/**/*.test.ts');
    expect(judgesOf('packages/policy-core/src/suppressions/directives.ts')).toBe(own);
    expect(judgesOf('packages/policy-core/src/suppressions-extra')).toBeUndefined();
    expect(judgesOf('packages/policy-core/src/rules')).toBeUndefined();
    // rules/'s own files have judges of their own; its families' files keep their family's.
    const ownFiles = judgesOf('packages/policy-core/src/rules/registry.ts');
    expect(ownFiles).toContain('packages/policy-core/test/rules/*.test.ts');
    expect(judgesOf('packages/policy-core/src/rules/migrations/MIG001-drop-table.ts')).toContain(
      'packages/policy-core/test/rules/migrations/**/*.test.ts',
    );
    expect(judgesOf('packages/policy-core/src/rules/migrations')).not.toBe(ownFiles);
    expect(judgesOf('packages/policy-core/src/rules/registry.json')).toBeUndefined();
    // The generated list: its text differs once instrumented, so the test of its text is no judge.
    expect(judgesOf('packages/policy-core/src/rules/rule-list.generated.ts')).not.toContain(
      'packages/policy-core/test/rules/*.test.ts',
    );
    expect(judgesOf('packages/policy-core/src/rules/rule-list.generated.ts')).toContain(
      'packages/policy-core/test/rules/registry.test.ts',
    );
  });

  it('names only judged folders and patterns that each match a test file', () => {
    const tests = readdirSync('packages/policy-core/test', { recursive: true, encoding: 'utf8' }).map(
      (f) => `packages/policy-core/test/${f}`,
    );
    for (const [folder, globs] of Object.entries(JUDGES as Record<string, string[]>)) {
      // A folder with a target, or a part of one (a rule family's folder).
      const named = folder.endsWith('/*.ts') ? folder.slice(0, -5) : folder;
      expect(named in TARGETS || folderOfPart(named) !== undefined, folder).toBe(true);
      for (const glob of globs) {
        // One matcher per glob: isMatch compiles its glob again for each of the thousands of files.
        const matches = picomatch(glob);
        expect(tests.filter((t) => matches(t)).length, glob).toBeGreaterThan(0);
      }
    }
  });
});

describe('pnpm mutate: a folder measured in parts', () => {
  const folder = 'packages/policy-core/src/deploy';
  const parts = PARTS[folder] as string[];
  const doc = readFileSync(new URL('../../docs/mutation-scores.md', import.meta.url), 'utf8');
  const counts = (detected: number, survived: number) => ({
    score: (100 * detected) / (detected + survived),
    detected,
    survived,
    noCoverage: 0,
    ignored: 1,
  });

  it("its parts cover the folder's files exactly once; a subfolder no part names breaks that", () => {
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `${folder}/${f}`);
    expect(files.length).toBeGreaterThan(40);
    expect(partsCover(folder, parts, files)).toBe(true);
    expect(partsCover(folder, parts, [...files, `${folder}/gates/window.ts`])).toBe(false);
    expect(partsCover(folder, [...parts, `${folder}/flow`], files)).toBe(false);
    // A file part holds that file alone: without it, its file has no part.
    expect(
      partsCover(
        folder,
        parts.filter((p) => p !== `${folder}/sha256.ts`),
        files,
      ),
    ).toBe(false);
    expect(partsCover(folder, [...parts, `${folder}/flow/secret.ts`], files)).toBe(false);
    for (const p of parts) expect(folderOfPart(p)).toBe(folder);
    expect(folderOfPart(folder)).toBeUndefined();
  });

  it('every folder measured in parts is covered by them, a part of parts one level down included', () => {
    for (const [whole, ps] of Object.entries(PARTS as Record<string, string[]>)) {
      const files = readdirSync(whole, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${whole}/${f}`);
      expect(partsCover(whole, ps, files), whole).toBe(true);
      // A part made of parts is a part of the folder above it, which has no target of its own.
      const up = folderOfPart(whole);
      if (up !== undefined)
        expect([ps.length > 0, whole in TARGETS, PARTS[up].includes(whole)]).toEqual([true, false, true]);
    }
    const deps = 'packages/policy-core/src/rules/dependencies';
    expect(folderOfPart(`${deps}/facts`)).toBe(deps);
    expect(folderOfPart(`${deps}/facts/pair-facts.ts`)).toBe(`${deps}/facts`);
    expect(PARTS[deps]).toContain(`${deps}/DEP001-unpinned-requirement.ts`);
    expect(PARTS[deps]).not.toContain(`${deps}/facts/pair-facts.ts`);
  });

  it('a part made of parts: its row is their sum, and the folder above sums it with the others', () => {
    const deps = 'packages/policy-core/src/rules/dependencies';
    const rules = 'packages/policy-core/src/rules';
    const all = [...(PARTS[rules] as string[]), ...(PARTS[deps] as string[])];
    const trees = new Map<string, string>(all.map((p, i) => [p, String(i % 10).repeat(40)]));
    let d = doc;
    for (const p of PARTS[deps] as string[])
      d = withPartRow(d, p, partRowFor(p, counts(9, 1), trees.get(p) as string, '2026-12-01'));
    const depsRow = assembledPartRow(deps, partRowsOf(d), trees, 'd'.repeat(40));
    const n = (PARTS[deps] as string[]).length;
    expect(depsRow).toBe(partRowFor(deps, { ...counts(9 * n, n), ignored: n }, 'd'.repeat(40), '2026-12-01'));
    // Until the sum is put in, rules/ waits for it; then rules/ counts it once, not its parts again.
    for (const p of (PARTS[rules] as string[]).filter((x) => x !== deps))
      d = withPartRow(d, p, partRowFor(p, counts(1, 0), trees.get(p) as string, '2026-12-02'));
    expect(assembledRow(rules, partRowsOf(d), trees, 'f'.repeat(40))).toBeUndefined();
    d = withPartRow(d, deps, depsRow as string);
    trees.set(deps, 'd'.repeat(40));
    const m = (PARTS[rules] as string[]).length - 1;
    expect(assembledRow(rules, partRowsOf(d), trees, 'f'.repeat(40))).toBe(
      rowFor(rules, { ...counts(9 * n + m, n), ignored: n + m }, 'f'.repeat(40), '2026-12-02'),
    );
    // One of its parts changed since: no sum for it.
    const moved = new Map(trees);
    moved.set((PARTS[deps] as string[])[0] as string, 'e'.repeat(40));
    expect(assembledPartRow(deps, partRowsOf(d), moved, 'd'.repeat(40))).toBeUndefined();
  });

  it("sums the parts' rows into the folder's once every part is on its current tree, and not before", () => {
    let d = doc;
    const trees = new Map<string, string>(parts.map((p, i) => [p, String(i).repeat(40)]));
    const tree = (p: string) => trees.get(p) as string;
    const n = parts.length;
    const last = parts[n - 1] as string;
    // Every part but the last: 90 % on the first, 80 % on the others; the second measured latest.
    for (const [i, p] of parts.slice(0, -1).entries())
      d = withPartRow(
        d,
        p,
        partRowFor(
          p,
          counts(i === 0 ? 9 : 8, i === 0 ? 1 : 2),
          tree(p),
          i === 1 ? '2026-11-29' : '2026-11-28',
        ),
      );
    // One part not measured: no folder row yet.
    expect(assembledRow(folder, partRowsOf(d), trees, 'f'.repeat(40))).toBeUndefined();
    d = withPartRow(d, last, partRowFor(last, counts(7, 3), tree(last), '2026-11-27'));
    const row = assembledRow(folder, partRowsOf(d), trees, 'f'.repeat(40));
    // 9 + 8 (n - 2) + 7 killed = 8n; 1 + 2 (n - 2) + 3 survived = 2n.
    expect(row).toBe(rowFor(folder, { ...counts(8 * n, 2 * n), ignored: n }, 'f'.repeat(40), '2026-11-29'));
    expect(row).toContain('80.0 % PASS');
    // A part changed since it was measured: the sum waits for it again.
    const moved = new Map(trees);
    moved.set(parts[1] as string, 'e'.repeat(40));
    expect(assembledRow(folder, partRowsOf(d), moved, 'f'.repeat(40))).toBeUndefined();
    // The parts table keeps its order and leaves the scores table as it was.
    expect([...partRowsOf(d).keys()]).toEqual(Object.values(PARTS).flat());
    expect(rowsOf(d)).toEqual(rowsOf(doc));
  });
});
