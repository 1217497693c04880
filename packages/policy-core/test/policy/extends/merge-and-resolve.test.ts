import {
  knownRuleIds,
  parsePolicyText,
  type ReadBase,
  resolveExtends,
  writtenByBase,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { checkBaseLoosened } from '../../../src/rules/policy/POL006-base-policy-loosened.js';
import { runCaseFiles } from '../../rules/fixture-case.js';
import { policyDoc } from '../policy-doc.js';

/**
 * `extends:` in the pure core: the documented merge (tables key by key, lists append with the
 * base's entries first, other values from the repository), where merged keys are located, and
 * every way a chain of bases can go wrong, each one POL001 line at the `extends:` line.
 */

const doc = policyDoc;
const filesReader =
  (files: Record<string, string>): ReadBase =>
  (spec) => {
    const text = spec.kind === 'local' ? files[spec.path] : undefined;
    return text === undefined ? { problem: 'no such file' } : { text };
  };
const effective = (text: string, files: Record<string, string>) => {
  const r = resolveExtends(doc(text), filesReader(files));
  if (!('document' in r)) throw new Error(r.findings.map((f) => f.message).join('; '));
  return r.document;
};
const problem = (text: string, files: Record<string, string>) => {
  const r = resolveExtends(doc(text), filesReader(files));
  return r.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`);
};

const BASE = `version: 1
production_branch: release
protected:
  label: approved-core-change
  paths: [ledger/core/]
agents:
  branches: ["agent/*"]
  limits: { files: 20 }
max_waiver_days: 90
rules:
  MIG001: error
`;

describe('extends: the merge', () => {
  it('tables merge, lists append after the base, scalars the repository writes win, defaults do not', () => {
    const d = effective(
      'version: 1\nextends: policies/base.yaml\nprotected:\n  paths: [billing/]\nagents:\n  limits: { lines: 400 }\nrules:\n  MIG002: warning\n',
      { 'policies/base.yaml': BASE },
    );
    expect(d.policy.production_branch).toBe('release'); // the repository left it out: not the default `main`
    expect(d.policy.protected).toEqual({
      label: 'approved-core-change',
      paths: ['ledger/core/', 'billing/'],
    });
    expect(d.policy.agents?.limits).toEqual({ files: 20, lines: 400 });
    expect(d.policy.rules).toEqual({ MIG001: 'error', MIG002: 'warning' });
    expect(d.policy.max_waiver_days).toBe(90);
    // A repository-local base is policy surface, as the policy file is.
    expect(d.policy.policy_surface?.extra).toEqual(['/policies/base.yaml']);
    expect(d.policy.extends).toBeUndefined();
    expect(d.extended?.described).toBe('policies/base.yaml');
  });

  it("locates the repository's keys where it wrote them, the base's at the extends: line", () => {
    const d = effective('version: 1\nextends: policies/base.yaml\nprotected:\n  paths: [billing/]\n', {
      'policies/base.yaml': BASE,
    });
    const line = (path: (string | number)[]) => d.locate(path).start.line + 1;
    expect(line(['protected', 'paths', 1])).toBe(4); // billing/, the repository's entry
    expect(line(['protected', 'paths', 0])).toBe(2); // ledger/core/, the base's: at `extends:`
    expect(line(['max_waiver_days'])).toBe(2);
    // What POL002 leaves alone: a shared base's pattern need not match in every repository.
    expect(writtenByBase(d, ['protected', 'paths', 0])).toBe(true);
    expect(writtenByBase(d, ['protected', 'paths', 1])).toBe(false);
  });

  it('a base of a base is merged first; a relative path in a git base is read beside it', () => {
    const read: ReadBase = (spec) => {
      if (spec.kind === 'git' && spec.path === 'shared/base.yaml')
        return { text: 'version: 1\nextends: root.yaml\nprotected:\n  paths: [b/]\n' };
      if (spec.kind === 'git' && spec.path === 'shared/root.yaml')
        return { text: 'version: 1\nprotected:\n  paths: [a/]\n' };
      return { problem: `unexpected ${spec.kind}` };
    };
    const r = resolveExtends(
      doc(
        `version: 1\nextends: git+file:///srv/p.git#shared/base.yaml@${'a'.repeat(40)}\nprotected:\n  paths: [c/]\n`,
      ),
      read,
    );
    expect('document' in r && r.document.policy.protected?.paths).toEqual(['a/', 'b/', 'c/']);
  });
});

describe('extends: what goes wrong is one POL001 line at extends:', () => {
  it('a cycle, through the policy file itself too', () => {
    expect(
      problem('version: 1\nextends: a.yaml\n', {
        'a.yaml': 'version: 1\nextends: b.yaml\n',
        'b.yaml': 'version: 1\nextends: a.yaml\n',
      }),
    ).toEqual([
      'POL001 slipway.yaml:2 invalid policy: `extends:` forms a cycle: slipway.yaml extends a.yaml extends b.yaml extends a.yaml; remove one `extends:`.',
    ]);
    expect(
      problem('version: 1\nextends: a.yaml\n', { 'a.yaml': 'version: 1\nextends: slipway.yaml\n' })[0],
    ).toContain('forms a cycle: slipway.yaml extends a.yaml extends slipway.yaml');
  });

  it('a chain deeper than the limit', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`b${i}.yaml`] = `version: 1\nextends: b${i + 1}.yaml\n`;
    expect(problem('version: 1\nextends: b0.yaml\n', files)[0]).toMatch(
      /goes 9 bases deep at b8\.yaml, more than the 8 a policy may/,
    );
  });

  it('a base that does not parse, one that cannot be read, a spec that is no spec', () => {
    expect(
      problem('version: 1\nextends: base.yaml\n', { 'base.yaml': 'version: 1\nprotected: [\n' })[0],
    ).toMatch(
      /^POL001 slipway.yaml:2 invalid policy: `extends:` the base base.yaml is invalid \(line \d+:\d+: invalid YAML/,
    );
    expect(problem('version: 1\nextends: base.yaml\n', {})).toEqual([
      'POL001 slipway.yaml:2 invalid policy: `extends:` base.yaml: no such file.',
    ]);
    // An npm spec needs an exact version; the host reads the package (npm-base.test.ts).
    expect(
      parsePolicyText('version: 1\nextends: "npm:@acme/policies@^1.2/base.yaml"\n').findings[0]?.message,
    ).toContain('is not `npm:NAME@VERSION/PATH#sha512-…` with an exact version');
    const bad = parsePolicyText('version: 1\nextends: ../base.yaml\n', 'slipway.yaml');
    expect(bad.findings.map((f) => `${f.range.start.line + 1} ${f.message}`)).toEqual([
      '2 invalid policy: `extends`: `../base.yaml` climbs out with `..`; paths in the policy stay inside the repository.',
    ]);
    expect(parsePolicyText('version: 1\nextends: github:acme/policies@abc\n').findings[0]?.message).toContain(
      'is not `github:OWNER/REPO/PATH@SHA`',
    );
    // No transport that runs a command.
    expect(
      parsePolicyText(`version: 1\nextends: "git+ext::sh -c evil#base.yaml@${'a'.repeat(40)}"\n`).findings[0]
        ?.message,
    ).toContain('with an https://, ssh:// or file:// URL');
    // No ref that `git fetch` would read as an option (`--upload-pack` runs a command).
    for (const ref of ['--upload-pack=evil;false', '-v'])
      expect(
        parsePolicyText(`version: 1\nextends: "git+file:///srv/policies.git#base.yaml@${ref}"\n`).findings[0]
          ?.message,
      ).toContain('is not a commit SHA, tag or branch name');
  });
});

describe('POL006: a repository loosening its base', () => {
  const loosened = (repo: string) =>
    checkBaseLoosened(effective(repo, { 'policies/base.yaml': BASE }), knownRuleIds()).map(
      (f) => `${f.range.start.line + 1} ${f.message.replace(/, loosening its base.*/, '')}`,
    );

  it('each loosening at its own line; the base keeps rules.POL006', () => {
    expect(
      loosened(
        'version: 1\nextends: policies/base.yaml\nprotected:\n  label: ok\n  paths: []\nagents:\n  limits: { files: 21 }\nmax_waiver_days: 91\nrules:\n  MIG001: warning\n  POL006: off\n',
      ),
    ).toEqual([
      '4 this policy would accept the label `ok` instead of `approved-core-change` as approval',
      '7 this policy would raise the cap agents.limits.files from 20 to 21',
      '8 this policy would raise max_waiver_days from 90 to 91',
      '10 this policy would set MIG001 to `warning` (was `error`)',
      '11 `rules.POL006` is ignored in a policy that extends a base: only the base policies/base.yaml may set it.',
    ]);
  });

  it("a `!pattern` appended to a base's list takes its protection back out: a loosening", () => {
    expect(
      loosened(
        'version: 1\nextends: policies/base.yaml\nprotected:\n  label: approved-core-change\n  paths: ["!ledger/core/"]\nagents:\n  branches: ["!agent/*"]\n',
      ),
    ).toEqual([
      '5 this policy would take `ledger/core/` back out of protected.paths with `!ledger/core/`',
      '7 this policy would take `agent/*` back out of agents.branches with `!agent/*`',
    ]);
  });

  it('a waiver added under a base that bounds none is a loosening', () => {
    const unbounded = BASE.replace('max_waiver_days: 90\n', '');
    const found = checkBaseLoosened(
      effective(
        'version: 1\nextends: policies/base.yaml\nwaivers:\n  - { rule: PATH001, paths: [ledger/core/**], until: 9999-12-31, reason: r, approved_by: a }\n',
        { 'policies/base.yaml': unbounded },
      ),
      knownRuleIds(),
    ).map((f) => `${f.range.start.line + 1} ${f.message.replace(/, loosening its base.*/, '')}`);
    expect(found).toEqual([
      '4 this policy would waive PATH001 for `ledger/core/**` until 9999-12-31 (waivers)',
    ]);
  });

  it('near misses: tightening, its own production branch and deploy files, its own waivers', () => {
    expect(
      loosened(
        'version: 1\nextends: policies/base.yaml\nproduction_branch: main\nprotected:\n  paths: [x/]\nagents:\n  limits: { files: 5 }\nmax_waiver_days: 30\nwaivers:\n  - { rule: MIG001, paths: [db/], until: 2026-12-01, reason: r, approved_by: a }\n',
      ),
    ).toEqual([]);
  });
});

describe('a finding about a value only the base wrote', () => {
  it('points at extends: and names the base', () => {
    const policy = 'version: 1\nextends: policies/base.yaml\n';
    const found = runCaseFiles(
      {
        'slipway.yaml': policy,
        'policies/base.yaml': BASE,
        'ledger/core/book.py': 'x = 1\n',
        'change.json': JSON.stringify({
          base: 'b'.repeat(40),
          head: 'h'.repeat(40),
          branch: 'feature/books',
          labels: [],
          commits: [],
          files: [{ path: 'ledger/core/book.py', status: 'modified' }],
          baseFiles: { 'slipway.yaml': policy, 'policies/base.yaml': BASE },
        }),
      },
      'PATH',
    );
    const path001 = found.find((f) => f.rule === 'PATH001');
    expect(path001?.related?.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`)).toEqual([
      'slipway.yaml:2 protected by pattern `ledger/core/` (from the base policies/base.yaml)',
    ]);
  });
});
