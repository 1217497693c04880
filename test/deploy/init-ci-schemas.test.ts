import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// The SchemaStore schemas the CLI package's tests keep (see their README for the source commit).
const schemas = new URL('../../packages/cli/test/deploy/fixtures/schemastore/', import.meta.url);
const { parse } = createRequire(new URL('../../packages/policy-core/package.json', import.meta.url))(
  'yaml',
) as { parse(text: string): unknown };

describe('the files `slipway init --ci github` writes are valid GitHub workflows', () => {
  const repo = new TempRepo({ 'infrastructure/LAST_PROD_DEPLOY.json': '{}', 'alembic.ini': '' });
  afterAll(() => repo.dispose());

  it('for SchemaStore github-workflow.json', () => {
    repo.commit('init');
    const out = slipway(['init', '--ci', 'github', '--production-branch', 'trunk'], { cwd: repo.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const written = out.stdout
      .split('\n')
      .filter((l) => l.startsWith('wrote ') && l.includes('.github/workflows/'))
      .map((l) => l.replace(/^wrote /, ''));
    expect(written).toHaveLength(4);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync(new URL('github-workflow.json', schemas), 'utf8')) as object,
    );
    for (const path of written) {
      const ok = validate(parse(readFileSync(path, 'utf8')));
      expect(validate.errors ?? [], path).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
