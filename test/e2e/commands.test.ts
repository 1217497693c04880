import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CLI, slipway } from '../helpers/cli.js';
import { expectOneLine, json, repoFactory, rules } from './e2e-helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// `yaml` is policy-core's dependency; resolve it from there to read the examples as data.
const YAML = createRequire(join(ROOT, 'packages/policy-core/package.json'))('yaml') as {
  parse(text: string): unknown;
};
const repo = repoFactory();

function schemaValidator() {
  const out = slipway(['schema']);
  expect(out.code).toBe(0);
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(out.stdout));
}

describe('slipway schema', () => {
  const validate = schemaValidator();

  it.each(['mayassistant', 'autonomos', 'tradebot'])(
    'the %s example policy validates (ajv, draft 2020-12)',
    (name) => {
      const policy = YAML.parse(readFileSync(join(ROOT, 'examples', name, 'slipway.yaml'), 'utf8'));
      expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it('rejects what the CLI rejects: unknown keys, a wrong version, a bad severity', () => {
    expect(validate({ version: 1, protected: { paths: ['a/'], lable: 'x' } })).toBe(false);
    expect(validate({ version: 2 })).toBe(false);
    expect(validate({ version: 1, rules: { PATH001: 'loud' } })).toBe(false);
    expect(validate({ version: 1, rules: { PATH001: 'off', MIG011: 'warning' } })).toBe(true);
  });

  it('describes every top-level key (editors show these as hovers)', () => {
    const schema = JSON.parse(slipway(['schema']).stdout) as {
      properties: Record<string, { description?: string }>;
    };
    const undocumented = Object.entries(schema.properties)
      .filter(([, v]) => !v.description)
      .map(([k]) => k);
    expect(undocumented).toEqual([]);
  });
});

describe('slipway explain', () => {
  it('a rule (any case), a family, an unknown id', () => {
    expect(slipway(['explain', 'br001']).stdout).toMatch(
      /^BR001 — agent committed directly to the production branch/,
    );
    const family = slipway(['explain', 'BR']);
    expect(
      family.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual(['BR001', 'BR002', 'BR003']);
    expect(family.code).toBe(0);
    expectOneLine(slipway(['explain', 'PATH009']), /unknown rule `PATH009`/);
  });

  it('a path: which pattern on which policy line decided, for both lists; Windows separators too', () => {
    const r = repo({
      'slipway.yaml':
        'version: 1\nprotected:\n  paths:\n    - core/\n    - "!core/public/"\nagents:\n  allowed: [/docs/*.md]\n',
      'core/a.py': '',
    });
    const out = slipway(['explain', 'core\\public\\x.py', 'docs/sub/y.md'], { cwd: r.dir });
    expect(out.stdout.trimEnd().split('\n')).toEqual([
      'core/public/x.py does not exist in this repository; if it did:',
      'core/public/x.py: not protected: pattern `!core/public/` decided (slipway.yaml line 5)',
      'core/public/x.py: agents may not edit it: no pattern in agents.allowed matches (slipway.yaml line 7)',
      'docs/sub/y.md does not exist in this repository; if it did:',
      'docs/sub/y.md: not protected: no pattern in protected.paths matches (slipway.yaml line 3)',
      'docs/sub/y.md: agents may not edit it: no pattern in agents.allowed matches (slipway.yaml line 7)',
    ]);
  });

  it('a path: what else it is read as (dependency file, migration and runner, deploy state, policy surface), or nothing', () => {
    const r = repo({
      'slipway.yaml':
        'version: 1\ndependencies:\n  requirements: req.txt\n  lock: req.lock\nmigrations:\n  alembic: alembic/versions\n' +
        '  sql: ["db/*.sql"]\n  sql_runner: goose\ndeploy:\n  record: infra/record.json\n  audit_log: infra/audit.jsonl\n',
      'req.txt': 'a==1\n',
      'req.lock': 'a==1\n',
      'alembic/versions/0001_init.py': '',
      'db/001.sql': '',
      'infra/record.json': '{}',
      'app.py': '',
    });
    const roles = (path: string) => slipway(['explain', path], { cwd: r.dir }).stdout.trimEnd().split('\n');
    expect(roles('req.lock')).toEqual([
      'req.lock: the lock of a dependency pair, for req.txt (slipway.yaml line 2; DEP rules)',
    ]);
    expect(roles('alembic/versions/0001_init.py')).toEqual([
      'alembic/versions/0001_init.py: an Alembic revision of the tree alembic/versions, run on postgresql (MIG rules)',
    ]);
    expect(roles('db/001.sql')).toEqual([
      'db/001.sql: a .sql migration (migrations.sql) run on postgresql, read as goose runs it (MIG rules)',
    ]);
    expect(roles('infra/audit.jsonl')).toEqual([
      'infra/audit.jsonl does not exist in this repository; if it did:',
      'infra/audit.jsonl: the deploy audit log (AUD rules; hash-chained, appended by every deploy)',
    ]);
    expect(roles('slipway.yaml')[0]).toMatch(/^slipway\.yaml: .*part of the policy surface/);
    // Alembic's usual folder, read by the MIG rules when `alembic:` is not written: said too.
    const usual = repo({
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: []\n',
      'alembic/versions/0001_init.py': '',
    });
    usual.commit('init'); // the rules read the files git lists, and so does explain
    expect(slipway(['explain', 'alembic/versions/0001_init.py'], { cwd: usual.dir }).stdout).toBe(
      'alembic/versions/0001_init.py: an Alembic revision of the tree alembic/versions, run on postgresql (MIG rules)\n',
    );
    expect(roles('app.py')).toEqual([
      'app.py: slipway.yaml says nothing about it: not protected, no agents.allowed, not read as policy surface, a dependency file, a migration or deploy state',
    ]);
  });

  it('a reader that stops early (`| true`) gets no stack trace', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${CLI}" explain --list | true; echo "rc=\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('rc=0');
  });
});

describe('slipway init', () => {
  it('names the production branch the repository has (master here), so that check runs at once', () => {
    const r = repo({ 'docs/a.md': 'a\n' });
    r.git('branch', '-m', 'master');
    r.commit('init');
    expect(slipway(['init'], { cwd: r.dir }).code).toBe(0);
    const text = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
    expect(text).toMatch(/^production_branch: "master"$/m);
    r.commit('policy');
    r.git('checkout', '-q', '-b', 'feature');
    r.write({ 'docs/a.md': 'b\n' });
    r.commit('change');
    expect(slipway(['check'], { cwd: r.dir }).code).toBe(0);
  });

  it("prefers origin's default branch in a clone", () => {
    const origin = repo({ 'a.txt': 'a\n' });
    origin.git('branch', '-m', 'trunk');
    origin.commit('init');
    const clone = repo();
    execFileSync('git', ['clone', '-q', origin.dir, join(clone.dir, 'c')]);
    expect(slipway(['init', '--repo', join(clone.dir, 'c')]).code).toBe(0);
    expect(readFileSync(join(clone.dir, 'c', 'slipway.yaml'), 'utf8')).toMatch(
      /^production_branch: "trunk"$/m,
    );
  });

  it('writes a policy that validates against the schema and covers SQL migrations without Alembic', () => {
    const r = repo({
      'backend/app/core/auth.py': '',
      'backend/app/db/migrations/001_init.sql': 'CREATE TABLE a (id int);\n',
      'docs/a.md': '',
    });
    r.commit('init');
    expect(slipway(['init'], { cwd: r.dir }).code).toBe(0);
    const text = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
    expect(text).toMatch(/^migrations:\n {2}sql:\n {4}- "backend\/app\/db\/migrations\/\*\*\/\*\.sql"$/m);
    const validate = schemaValidator();
    expect(validate(YAML.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    r.commit('policy');
    const tree = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(json(tree).findings).toEqual([]);
  });

  it('--repo naming a file is one line', () => {
    const r = repo({ 'a.txt': '' });
    expectOneLine(slipway(['init', '--repo', join(r.dir, 'a.txt')]), /a\.txt is a file; --repo takes/);
  });
});

describe('slipway check --fix', () => {
  it('applies the certain fixes, says so on stderr, and reports only what is left', () => {
    const r = repo({
      'slipway.yaml':
        'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
      'requirements.txt': 'flask\nrequests>=2\n',
      'requirements.lock': 'flask==2.0.1\nrequests==2.31.0\n',
    });
    r.commit('init');
    const before = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(rules(before)).toEqual(['DEP001 error requirements.txt', 'DEP001 error requirements.txt']);
    const fixed = slipway(['check', '--tree', '--fix', '--format', 'json'], { cwd: r.dir });
    expect(fixed.stderr).toBe('fixed 2 findings in requirements.txt\n');
    expect(JSON.parse(fixed.stdout).findings).toEqual([]);
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(r.dir, 'requirements.txt'), 'utf8')).toBe('flask==2.0.1\nrequests==2.31.0\n');
  });
});

describe('shallow clones', () => {
  it('a clone lacking the base says how deep to fetch; after fetching, check runs', () => {
    const origin = repo({ 'slipway.yaml': 'version: 1\nprotected:\n  paths: [core/]\n', 'core/a.py': '0\n' });
    for (let i = 1; i <= 4; i++) {
      origin.write({ 'core/a.py': `${i}\n` });
      origin.commit(`main ${i}`);
    }
    origin.git('checkout', '-q', '-b', 'feature');
    for (let i = 1; i <= 3; i++) {
      origin.write({ 'core/a.py': `f${i}\n` });
      origin.commit(`feature ${i}`);
    }
    const holder = repo();
    const dir = join(holder.dir, 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, dir]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    expectOneLine(
      slipway(['check'], { cwd: dir }),
      /shallow clone; fetch the whole history: `git fetch --unshallow`/,
    );
    // What the message says to run is what makes check work.
    git('fetch', '-q', '--unshallow');
    const out = slipway(['check', '--format', 'json'], { cwd: dir });
    expect(rules(out)).toEqual(['PATH001 warning core/a.py']);
  });
});
