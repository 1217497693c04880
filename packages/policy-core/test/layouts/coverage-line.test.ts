import { type Coverage, coverageLine, LAYOUTS, type UnjudgedLayout } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const entry = (id: string) => {
  const e = LAYOUTS.find((l) => l.id === id);
  if (!e) throw new Error(id);
  return e;
};
const layout = (id: string, files: string[], unread: UnjudgedLayout['unread'] = []): UnjudgedLayout => ({
  entry: entry(id),
  files,
  unread,
});

describe('the coverage line', () => {
  it('names 277 Django migrations of a dozen apps by one glob, and what each family judged', () => {
    const apps = Array.from({ length: 12 }, (_, i) => `app/app${i}/migrations/`);
    const files = Array.from({ length: 277 }, (_, i) => `${apps[i % 12]}${String(i).padStart(4, '0')}_x.py`);
    const c: Coverage = { judged: { POL: 1, MIG: 68 }, notJudged: [layout('django', files)] };
    expect(coverageLine(c)).toBe(
      'coverage: judged POL 1 file, MIG 68; not judged: 277 Django migrations under app/*/migrations/',
    );
  });

  it("says how many of a family's files its rules only searched, so they are not read as migrations", () => {
    expect(coverageLine({ judged: { POL: 1, MIG: 110 }, searched: { MIG: 55 }, notJudged: [] })).toBe(
      'coverage: judged POL 1 file, MIG 110 (55 of the migrations, 55 more its rules searched); nothing recognised left unjudged',
    );
    expect(coverageLine({ judged: { MIG: 2 }, searched: { MIG: 2 } })).toBe(
      'coverage: judged MIG 2 files (no migrations: files its rules searched)',
    );
  });

  it('stays one short line however many layouts and files: three named, the rest counted', () => {
    const deep = Array.from(
      { length: 5000 },
      (_, i) => `${'very-long-folder-name/'.repeat(8)}${i}/migrations/0001_x.py`,
    );
    const c: Coverage = {
      judged: {},
      notJudged: ['django', 'rails', 'npm', 'cargo', 'bundler'].map((id) =>
        layout(id, id === 'django' ? deep : [`${id}/f`]),
      ),
    };
    const line = coverageLine(c) ?? '';
    expect(line).toContain('2 more layouts (listed in the JSON report)');
    expect(line).not.toContain('Cargo');
    expect(line.length).toBeLessThan(300);
    expect(line).toMatch(
      /^coverage: judged no files; not judged: 5000 Django migrations under very-long-folder-name\/.*…, 1 Rails migration \(rails\/f\), 1 npm lock \(npm\/f\), 2 more/,
    );
  });

  it('says what could not be read, and folders of different depths with **', () => {
    const c: Coverage = {
      judged: { MIG: 2 },
      notJudged: [
        layout(
          'django',
          ['a/migrations/0001_x.py', 'b/c/migrations/0001_x.py'],
          [{ path: 'a/migrations/0002_big.py', why: 'it is over 1.0 MB' }],
        ),
      ],
    };
    expect(coverageLine(c)).toBe(
      'coverage: judged MIG 2 files; not judged: 2 Django migrations under **/migrations/ and 1 more (a/migrations/0002_big.py) seen but not read (it is over 1.0 MB)',
    );
  });

  it('names the files themselves when their folders share no part (a bare **/ says nowhere)', () => {
    const npm = (files: string[]): Coverage => ({ judged: {}, notJudged: [layout('npm', files)] });
    const line = coverageLine(npm(['apps/agent/src/package.json', 'tools/x/package.json', 'package.json']));
    expect(line).toContain('(apps/agent/src/package.json, package.json and 1 more)');
    expect(line).not.toContain('**/');
    expect(coverageLine(npm(['a/package.json', 'b/package.json']))).toContain(
      '(a/package.json, b/package.json)',
    );
    // Folders that share a part keep their glob.
    expect(coverageLine(npm(['apps/a/package.json', 'apps/b/package.json']))).toContain('under apps/*/');
  });

  it('says when nothing recognised was left, and says nothing of layouts where the COV family did not run', () => {
    expect(coverageLine({ judged: { MIG: 3 }, notJudged: [] })).toBe(
      'coverage: judged MIG 3 files; nothing recognised left unjudged',
    );
    expect(coverageLine({ judged: { MIG: 3 } })).toBe('coverage: judged MIG 3 files');
  });
});
