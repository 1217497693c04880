import { expect, it } from 'vitest';
import { evaluatedSources } from '../../../../test/helpers/evaluated-sources.js';

// `slipway --version` (and every other command) must not initialise the MCP SDK: a real run of the
// built CLI says which sources ran (test/helpers/evaluated-sources.ts).
const SDK = 'node_modules/.pnpm/@modelcontextprotocol+sdk@';

it('no command but mcp initialises the MCP SDK; the mcp command does', () => {
  const version = evaluatedSources(['--version']);
  expect(version.result.code).toBe(0);
  expect([...version.sources].filter((s) => s.includes(SDK))).toEqual([]);
  expect(version.sources).toContain('packages/cli/src/main.ts');
  // The server over stdio, its input closed at once: it starts, reads the end, and stops.
  const mcp = evaluatedSources(['mcp'], { input: '' });
  expect([...mcp.sources].filter((s) => s.includes(SDK))).not.toEqual([]);
});
