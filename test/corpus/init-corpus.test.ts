import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { CORPUS_DIR, describeWithData } from './corpus-dir.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * `slipway init`, then `slipway check --tree`, on copies of real projects' dependency files (the
 * shared corpus beside the repository, when it exists; never copied into the project). Every
 * finding is listed: a true one (the corpus has hand-edited, out-of-sync locks) or a false alarm
 * that a rule, not init, still raises. The list is exact both ways, so a fixed rule shortens it.
 */
const SHARED = CORPUS_DIR;

/**
 * case → [why, findings as "RULE file:line"]. DEP011 is a DEP rule's false alarm on layered
 * pip-tools inputs: pip-compile rewrites or merges markers in its output. (DEP003 on a line whose
 * marker did not hold where pip-compile ran, aiohttp's winloop and brotlicffi, is gone: the
 * lock's header names the Python, and a platform marker is not expected.) These are for the rules to fix; init
 * writes the pairing they need. (A package named in two layered `.in` files, which pip merges, is
 * no longer a DEP007 finding: 19 such alarms here are gone.)
 */
const MARKER_REWRITTEN = 'DEP011: the resolver rewrote or merged the marker (python_full_version, or)';
const EXPECTED: Record<string, [why: string, findings: string[]][]> = {
  'pip-compile/aio-libs__aiohttp__constraints': [
    [MARKER_REWRITTEN, [7, 11, 42, 116, 305, 329].map((l) => `DEP011 requirements/constraints.txt:${l}`)],
  ],
  'pip-compile/openedx__edx-django-utils__test': [
    // True: the django pin was deleted from test.txt by hand.
    ['DEP003: django is missing from a hand-edited lock', ['DEP003 requirements/base.txt:13']],
  ],
  'pip-compile/jupyterhub__zero-to-jupyterhub-k8s__hub': [
    // True: the input asks `jupyterhub-idle-culler==2.*`, the lock compiled from it (`# via -r
    // unfrozen/requirements.txt`) still pins 1.4.0; the input was bumped without recompiling.
    ['DEP012: the input was raised past the lock', ['DEP012 images/hub/unfrozen/requirements.txt:26']],
  ],
  'pip-compile/python__mypy__test-requirements': [
    [MARKER_REWRITTEN, ['DEP011 test-requirements.txt:65', 'DEP011 test-requirements.txt:71']],
  ],
  'pip-compile/python-trio__trio__test-requirements': [
    [MARKER_REWRITTEN, [23, 57, 153].map((l) => `DEP011 test-requirements.txt:${l}`)],
  ],
  'pip-compile/bazelbuild__rules_python__docs': [
    // True: compiled by uv from docs/pyproject.toml, a layout init does not pair yet; the coverage
    // finding says the requirements file is seen and not judged, rather than "No findings".
    ['COV002: a requirements file no pair judges', ['COV002 docs/requirements.txt:1']],
  ],
  'pip-compile/readthedocs__readthedocs.org__pip': [
    // pip-compile without --allow-unsafe writes pip only as the comment `# pip`.
    ['DEP003: pip is left in the unsafe section as a comment', ['DEP003 requirements/pip.in:2']],
  ],
};

/** What init must have found in each kind of case, so that "no finding" is not "nothing checked". */
const DETECTED: Record<string, RegExp> = {
  'pip-compile': /^\S+ → \S+: pip-tools layout, mode superset/m,
  'uv-lock': /^(\S+\/)?pyproject\.toml → (\S+\/)?uv\.lock: uv project, mode superset/m,
  'poetry-lock': /^(\S+\/)?pyproject\.toml → (\S+\/)?poetry\.lock: Poetry project, mode superset/m,
};
/** Cases whose input is not a requirements file: nothing to pair. */
const NOTHING_TO_PAIR: Record<string, RegExp> = {
  // Compiled by uv from docs/pyproject.toml, which the DEP rules do not read.
  'pip-compile/bazelbuild__rules_python__docs': /^docs\/requirements\.txt: no lock beside it/m,
};

const expectedOf = (name: string) => (EXPECTED[name] ?? []).flatMap(([, findings]) => findings).sort();

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

function cases(): string[] {
  return readdirSync(SHARED, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((kind) => readdirSync(join(SHARED, kind.name)).map((c) => `${kind.name}/${c}`))
    .sort();
}

/** init then check --tree on a copy of one case: what init printed, the findings as "RULE file:line". */
function initAndCheck(name: string): { out: string; findings: string[] } {
  const r = new TempRepo();
  repos.push(r);
  cpSync(join(SHARED, name), r.dir, { recursive: true });
  r.commit('project');
  const init = slipway(['init'], { cwd: r.dir });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  r.commit('slipway init');
  const check = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
  const { findings } = JSON.parse(check.stdout) as {
    findings: { rule: string; file: string; line: number }[];
  };
  return {
    out: init.stdout,
    findings: [...new Set(findings.map((f) => `${f.rule} ${f.file}:${f.line}`))].sort(),
  };
}

describe('init on real projects: what check --tree then reports', () => {
  it('every expected finding names a real rule', () => {
    const known = new Set(
      slipway(['explain', '--list'])
        .stdout.split('\n')
        .map((l) => l.split(' ')[0]),
    );
    for (const name of Object.keys(EXPECTED))
      for (const key of expectedOf(name)) expect(known, key).toContain(key.split(' ')[0]);
  });
});

describeWithData('init on real projects: each project of the corpus', SHARED, () => {
  for (const name of cases())
    it(name, () => {
      const { out, findings } = initAndCheck(name);
      expect(out).toMatch(NOTHING_TO_PAIR[name] ?? (DETECTED[name.split('/')[0] as string] as RegExp));
      expect(findings).toEqual(expectedOf(name));
    });
});
