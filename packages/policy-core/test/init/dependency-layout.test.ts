import { describe, expect, it } from 'vitest';
import { detectDependencies } from '../../src/index.js';

function detect(texts: Record<string, string>) {
  return detectDependencies(Object.keys(texts), {
    readFile: (p) => texts[p],
    isDirectory: () => false,
  });
}

const pairsOf = (texts: Record<string, string>) =>
  detect(texts).pairs.map((p) => `${p.requirements} → ${p.lock} ${p.layout} ${p.mode}`);

describe('detectDependencies', () => {
  it('never names a lock that does not exist', () => {
    const found = detect({ 'requirements.txt': 'fastapi==0.110.0\n' });
    expect(found.pairs).toEqual([]);
    expect(found.decisions).toEqual([
      'requirements.txt: no lock beside it (looked for requirements.lock, requirements.txt.lock, requirements-lock.txt, requirements_lock.txt, requirements.lock.txt, uv.lock, poetry.lock); not paired',
    ]);
  });

  it('pip-tools: x.in → x.txt (or uv’s .pip, or x_lock.txt), the outputs never inputs themselves', () => {
    expect(
      pairsOf({
        'requirements.in': 'a\n',
        'requirements.txt': 'a==1\n',
        'requirements/dev.in': 'b\n',
        'requirements/dev.pip': 'b==1\n',
        'examples/x/requirements.in': 'c\n',
        'examples/x/requirements_lock.txt': 'c==1\n',
      }),
    ).toEqual([
      'examples/x/requirements.in → examples/x/requirements_lock.txt pip-tools superset',
      'requirements.in → requirements.txt pip-tools superset',
      'requirements/dev.in → requirements/dev.pip pip-tools superset',
    ]);
  });

  it('counts the ranges of a pip-tools input', () => {
    const [pair] = detect({ 'r.in': 'a>=1\nb\nc==2\n', 'r.txt': 'a==1\nb==1\nc==2\n' }).pairs;
    expect(pair?.unpinned).toBe(2);
  });

  it('counts ranges in -r includes too (the DEP rules read them), not in -c constraints', () => {
    const [pair] = detect({
      'requirements/constraints.in': '-r lint.in\n-r ../shared.in\n-c pins.txt\n',
      'requirements/constraints.txt': 'a==1\nb==1\n',
      'requirements/lint.in': 'a>=1\n-r constraints.in\n',
      'shared.in': 'b\n',
      'requirements/pins.txt': 'c>=1\n',
    }).pairs;
    expect(pair?.unpinned).toBe(2);
  });

  it('plain requirements: mirror when the lock names the same packages (includes count), superset when it adds some', () => {
    expect(
      pairsOf({
        'app/requirements.txt': '-r base.txt\nfastapi==0.110.0\n',
        'app/base.txt': 'httpx==0.26.0\n',
        'app/requirements.lock': 'fastapi==0.110.0\nhttpx==0.26.0\n',
        'web/requirements.txt': 'fastapi==0.110.0\n',
        'web/requirements.lock': 'fastapi==0.110.0\nstarlette==0.36.3\n',
      }),
    ).toEqual([
      'app/requirements.txt → app/requirements.lock requirements mirror',
      'web/requirements.txt → web/requirements.lock requirements superset',
    ]);
  });

  it('two candidate locks: the one named after the input wins; of uv.lock and poetry.lock, uv.lock; each says why', () => {
    const named = detect({ 'requirements.txt': 'a==1\n', 'requirements.lock': 'a==1\n', 'uv.lock': '' });
    expect(named.decisions).toEqual([
      'requirements.txt → requirements.lock: requirements and their lock, mode mirror (the lock names exactly the requirements); chose it over uv.lock because it is named after the input, so it is the one compiled from it',
    ]);
    const toml = detect({ 'requirements.txt': 'a==1\n', 'uv.lock': '', 'poetry.lock': '' });
    expect(toml.pairs.map((p) => p.lock)).toEqual(['uv.lock']);
    expect(toml.decisions[0]).toMatch(
      /chose it over poetry\.lock because uv\.lock comes before poetry\.lock/,
    );
    // The lock passed over is explained in that one line, not again as a lock on its own.
    expect(toml.decisions).toHaveLength(1);
  });

  it('uv and Poetry projects without a requirements file are found and explained, not paired', () => {
    const found = detect({
      'pyproject.toml': '',
      'uv.lock': '',
      'lib/pyproject.toml': '',
      'lib/poetry.lock': '',
    });
    expect(found.pairs).toEqual([]);
    expect(found.decisions).toEqual([
      'lib/pyproject.toml + lib/poetry.lock: Poetry layout; not paired, the DEP rules compare a requirements file with its lock and do not read pyproject.toml (export one, e.g. `poetry export -o requirements.txt`, and run init again)',
      'pyproject.toml + uv.lock: uv layout; not paired, the DEP rules compare a requirements file with its lock and do not read pyproject.toml (export one, e.g. `uv export --no-hashes -o requirements.txt`, and run init again)',
    ]);
  });

  it('skips vendored folders and files that are not requirements', () => {
    expect(
      pairsOf({
        '.venv/lib/requirements.txt': 'a==1\n',
        '.venv/lib/requirements.lock': 'a==1\n',
        'notes.txt': '',
        'notes.lock': '',
      }),
    ).toEqual([]);
  });
});
