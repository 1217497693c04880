import { MemoryRepo, parsePolicyText, resolveExtends, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * POL002 on what its fixtures do not show: a submodule a directory pattern covers, a host that
 * answers by prefix (`filesUnder`, as the CLI's git listing does) before the policy's first
 * commit, and `migrations.alembic` folders that do not exist, written alone, in a list or by a
 * shared base (`extends:`, given as `bases`).
 */
const check = (policy: string, repo: MemoryRepo, bases: Record<string, string> = {}) => {
  const read = parsePolicyText(policy, 'slipway.yaml');
  if (!read.document) throw new Error(read.findings.map((f) => f.message).join('; '));
  const merged = resolveExtends(read.document, (spec) => {
    const text = spec.kind === 'local' ? bases[spec.path] : undefined;
    return text === undefined ? { problem: 'no such base' } : { text };
  });
  if (!('document' in merged)) throw new Error(merged.findings.map((f) => f.message).join('; '));
  return runCheck({ policy: merged.document, repo, now: new Date('2026-01-01T00:00:00Z'), env: {} })
    .findings.filter((f) => f.rule === 'POL002')
    .map((f) => `${f.range.start.line + 1} ${f.message}`);
};

/** A repository whose listed `gitlinks` read as no file: git's listing of a submodule. */
class WithSubmodules extends MemoryRepo {
  constructor(
    files: Record<string, string>,
    private readonly gitlinks: readonly string[],
  ) {
    super(files);
  }
  override listFiles(): readonly string[] {
    return [...super.listFiles(), ...this.gitlinks].sort();
  }
  override readFile(path: string): string | undefined {
    return this.gitlinks.includes(path) ? undefined : super.readFile(path);
  }
}

/** A repository that answers by prefix, and whose listing lacks the policy (not committed yet). */
class ByPrefix extends MemoryRepo {
  asked = 0;
  constructor(
    files: Record<string, string>,
    private readonly unlisted: string,
  ) {
    super(files);
  }
  override listFiles(): readonly string[] {
    return super.listFiles().filter((f) => f !== this.unlisted);
  }
  *filesUnder(prefix: string): Iterable<string> {
    this.asked++;
    for (const f of this.listFiles()) if (f.startsWith(prefix)) yield f;
  }
}

describe('POL002: stale patterns', () => {
  it('takes a directory pattern as covering a submodule, which git lists as one path that is no file', () => {
    const policy = 'version: 1\nprotected:\n  paths:\n    - vendor/lib/\n    - vendor/gone/\n';
    const repo = new WithSubmodules({ 'app.py': 'x = 1\n' }, ['vendor/lib']);
    expect(check(policy, repo)).toEqual([
      '5 `vendor/gone/` under `protected.paths` matches no file in the repository; fix the pattern or remove it.',
    ]);
    // A listed path that is a file is not a folder a `/` pattern covers.
    const file = new MemoryRepo({ 'vendor/lib': 'a file\n', 'app.py': 'x = 1\n' });
    expect(check('version: 1\nprotected:\n  paths: [vendor/lib/]\n', file)).toEqual([
      '3 `vendor/lib/` under `protected.paths` matches no file in the repository; fix the pattern or remove it.',
    ]);
  });

  it('counts the policy file as there before its first commit, on a host that answers by prefix', () => {
    // Anchored patterns (a leading or inner `/`): those are asked by prefix.
    const policy =
      'version: 1\nprotected:\n  paths: [/slipway.yaml, /docs/]\nagents:\n  allowed: [/docs/, "*.md"]\n';
    const repo = new ByPrefix({ 'slipway.yaml': policy, 'docs/a.md': '# a\n' }, 'slipway.yaml');
    expect(check(policy, repo)).toEqual([]);
    expect(repo.asked).toBeGreaterThan(0);
    // A prefix the policy file is not under does not bring it in.
    const other = 'version: 1\nprotected:\n  paths: [/slipway.yaml.d/, /docs/]\n';
    expect(
      check(other, new ByPrefix({ 'slipway.yaml': other, 'docs/a.md': '# a\n' }, 'slipway.yaml')),
    ).toEqual([
      '3 `/slipway.yaml.d/` under `protected.paths` matches no file in the repository; fix the pattern or remove it.',
    ]);
  });

  it('brings the unlisted policy file in only under a prefix it starts with', () => {
    // `/slip*` is asked by its prefix `slip`, which the policy's path starts with (and does not end with).
    const policy = 'version: 1\nprotected:\n  paths: ["/slip*", /docs/]\n';
    const repo = new ByPrefix({ 'slipway.yaml': policy, 'docs/a.md': '# a\n' }, 'slipway.yaml');
    expect(check(policy, repo)).toEqual([]);
    const yaml = 'version: 1\nprotected:\n  paths: ["/yaml*", /docs/]\n';
    expect(check(yaml, new ByPrefix({ 'slipway.yaml': yaml, 'docs/a.md': '# a\n' }, 'slipway.yaml'))).toEqual(
      ['3 `/yaml*` under `protected.paths` matches no file in the repository; fix the pattern or remove it.'],
    );
  });

  it('is lifted by a comment in the policy on the line above, and only there', () => {
    const files = { 'app.py': 'x = 1\n' };
    const allowed =
      'version: 1\nprotected:\n  paths:\n    # slipway: allow POL002 -- the folder lands next week\n    - billing/\n    - ledger/\n';
    expect(check(allowed, new MemoryRepo(files))).toEqual([
      '6 `ledger/` under `protected.paths` matches no file in the repository; fix the pattern or remove it.',
    ]);
  });

  it('takes an Alembic folder at the root of the repository as there', () => {
    const files = { 'env.py': 'x = 1\n', 'versions/0001_a.py': "revision = '0001'\ndown_revision = None\n" };
    for (const root of ['.', './'])
      expect(check(`version: 1\nmigrations:\n  alembic: "${root}"\n`, new MemoryRepo(files)), root).toEqual(
        [],
      );
    expect(check('version: 1\nmigrations:\n  alembic: ./db\n', new MemoryRepo(files))).toEqual([
      '3 `./db` under `migrations.alembic` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.',
    ]);
  });

  it('names an Alembic folder that does not exist, written alone or as an item of a list', () => {
    const files = {
      'alembic/versions/0001_a.py': "revision = '0001'\ndown_revision = None\n",
      'app/main.py': 'x = 1\n',
    };
    expect(check('version: 1\nmigrations:\n  alembic: alembic/versions\n', new MemoryRepo(files))).toEqual(
      [],
    );
    expect(check('version: 1\nmigrations:\n  alembic: db/versions\n', new MemoryRepo(files))).toEqual([
      '3 `db/versions` under `migrations.alembic` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.',
    ]);
    const list =
      'version: 1\nmigrations:\n  alembic:\n    - alembic/versions\n    - services/billing/versions\n';
    expect(check(list, new MemoryRepo(files))).toEqual([
      '5 `services/billing/versions` under `migrations.alembic` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.',
    ]);
    // On a host that answers by prefix, as in a list of files.
    expect(check(list, new ByPrefix(files, 'none'))).toEqual([
      '5 `services/billing/versions` under `migrations.alembic` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.',
    ]);
  });

  it("leaves an Alembic folder a shared base names to the repositories that have it, and names the repository's own", () => {
    const files = { 'app/main.py': 'x = 1\n' };
    // A base serves many repositories: a folder it lists is not this repository's stale entry.
    const bases = { 'base.yaml': 'version: 1\nmigrations:\n  alembic: [shared/versions]\n' };
    expect(check('version: 1\nextends: base.yaml\n', new MemoryRepo(files), bases)).toEqual([]);
    // The repository's own entry, appended after the base's, is still its own to fix.
    const own = 'version: 1\nextends: base.yaml\nmigrations:\n  alembic: [db/versions]\n';
    expect(check(own, new MemoryRepo(files), bases)).toEqual([
      '4 `db/versions` under `migrations.alembic` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.',
    ]);
    // Without the base, the same folder is named.
    expect(check('version: 1\nmigrations:\n  alembic: [shared/versions]\n', new MemoryRepo(files))).toEqual([
      '3 `shared/versions` under `migrations.alembic` does not exist in the repository, so no migration check runs for it; fix the path or remove the entry.',
    ]);
  });
});
