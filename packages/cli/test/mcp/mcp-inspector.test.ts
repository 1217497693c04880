import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { CLI } from '../../../../test/helpers/cli.js';
import { mcpRepo } from './mcp-repo.js';

// The MCP Inspector's CLI mode (@modelcontextprotocol/inspector, a workspace devDependency) as a
// third-party client: it starts `slipway mcp` itself, lists the tools and calls one.
const inspectorPackage = createRequire(join(process.cwd(), 'package.json')).resolve(
  '@modelcontextprotocol/inspector/package.json',
);
const INSPECTOR = join(dirname(inspectorPackage), 'clients/launcher/build/index.js');
const repo = mcpRepo();
afterAll(() => repo.dispose());

const inspect = async (...args: string[]) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [INSPECTOR, '--cli', process.execPath, CLI, 'mcp', ...args],
    { cwd: repo.dir, timeout: 30_000 },
  );
  return JSON.parse(stdout);
};

it('the MCP Inspector lists the tools and calls may_edit through its CLI mode', async () => {
  const [listed, called] = await Promise.all([
    inspect('--method', 'tools/list'),
    inspect(
      '--method',
      'tools/call',
      '--tool-name',
      'may_edit',
      '--tool-arg',
      'paths=["src/app.py","slipway.yaml"]',
    ),
  ]);
  expect(listed.tools.map((t: { name: string }) => t.name)).toContain('may_edit');
  expect(called.structuredContent.verdicts.map((v: { verdict: string }) => v.verdict)).toEqual([
    'allow',
    'deny',
  ]);
});
