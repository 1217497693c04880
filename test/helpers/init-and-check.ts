import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from './in-process-cli.js';
import { TempRepo } from './git-repo.js';

/**
 * `slipway init` on a real git repository of some layout, then `slipway check --tree` with the
 * policy it wrote: a policy that raises findings on the repository it was made from would be a
 * false alarm on day one. Then `slipway test`: the starter cases it wrote pass on that policy. Call once per test file; its repositories go when the file's tests end.
 */
export function initAndCheckInRepos() {
  const repos: TempRepo[] = [];
  afterAll(() => {
    for (const r of repos) r.dispose();
  });
  /** Runs init in a fresh repository of `files`, commits the policy, checks the tree. */
  return function initAndCheck(files: Record<string, string>) {
    const r = new TempRepo(files);
    repos.push(r);
    r.commit('project');
    const init = slipway(['init'], { cwd: r.dir });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const policy = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
    // The policy is committed as a team would; --tree then checks it against the repository.
    r.commit('slipway init');
    const check = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    const findings = (JSON.parse(check.stdout) as { findings: { rule: string; message: string }[] }).findings;
    // What the policy leaves unjudged is said (COV001, COV002, info), and init named each in its
    // policy's comment; nothing else may be found.
    const unjudged = findings.filter((f) => f.rule === 'COV001' || f.rule === 'COV002');
    expect(findings.filter((f) => !unjudged.includes(f)).map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    for (const f of unjudged) expect(policy, f.message).toContain(`(${f.rule})`);
    expect(policy.match(/^# {3}.*\((COV001|COV002)\)$/gm) ?? []).toHaveLength(unjudged.length);
    expect(check.code).toBe(0);
    // The starter cases init wrote beside it pass on the policy they came from.
    const tests = slipway(['test', '--format', 'json'], { cwd: r.dir });
    const cases = (JSON.parse(tests.stdout) as { cases: { name: string; passed: boolean }[] }).cases;
    expect(cases.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    expect(tests.code).toBe(0);
    return { out: init.stdout, policy, repo: r };
  };
}
