import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILES, schemaText } from '../src/docs/schema-files.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = new URL('../../../', import.meta.url);

describe('slipway schema', () => {
  it.each([
    [[], 'docs/schemas/policy.schema.json', 'Slipway policy'],
    [['--record'], 'docs/schemas/deploy-record.schema.json', 'Slipway deploy record'],
    [['--audit-event'], 'docs/schemas/audit-event.schema.json', 'Slipway audit log event'],
    [['--tests'], 'docs/schemas/policy-tests.schema.json', 'Slipway policy test cases'],
  ])('%j prints the schema that docs/schemas ships (%s)', async (flags, path, title) => {
    const r = await runCli(['schema', ...flags], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ title: expect.stringContaining(title) });
    const file = SCHEMA_FILES.find((f) => f.path === path);
    expect(file && r.stdout).toBe(file && schemaText(file));
    expect(r.stdout).toBe(readFileSync(new URL(path, ROOT), 'utf8'));
  });

  it('--output writes the file an editor can point at', async () => {
    const out = join(dir, 'deploy-record.schema.json');
    const r = await runCli(['schema', '--record', '-o', out], dir);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(out, 'utf8')).$id).toContain('deploy-record');
  });

  it('refuses two schemas at once in one line (exit 2)', async () => {
    const r = await runCli(['schema', '--record', '--audit-event'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'slipway schema: --record and --audit-event each print one schema; give one of them (see `slipway schema --help`)',
    );
    expect(r.stdout).toBe('');
  });
});
