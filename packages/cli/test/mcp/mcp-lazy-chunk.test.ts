import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { CLI } from '../../../../test/helpers/cli.js';

// `slipway --version` (and every other command) must not load the MCP SDK: the built entry and
// the main chunk it imports, with everything they import statically, hold none of it.

/** A file of the bundle and every file it imports statically (not `import(…)`), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/import\s*(?:[\w${}\s,*]+from\s*)?"(\.\/[^"]+\.mjs)"/g))
    staticClosure(join(dirname(file), m[1] as string), seen);
  return seen;
}

/** A sentence only the SDK's stdio server transport has. */
const SDK_MARK = 'StdioServerTransport already started';

it('the entry and the main chunk load no part of the MCP SDK; the mcp command chunk brings it', () => {
  const entry = readFileSync(CLI, 'utf8');
  const main = /import\("(\.\/chunks\/main-[^"]+\.mjs)"\)/.exec(entry)?.[1];
  expect(main).toBeDefined();
  const startup = staticClosure(join(dirname(CLI), main as string), staticClosure(CLI));
  expect(startup.size).toBeGreaterThan(2);
  for (const f of startup) expect(readFileSync(f, 'utf8').includes(SDK_MARK), f).toBe(false);
  // The mcp command's own chunk imports the server module (and with it the SDK) when it runs.
  const mainCode = readFileSync(join(dirname(CLI), main as string), 'utf8');
  const chunkOf = (code: string, name: string) =>
    new RegExp(`import\\("(\\./(?:chunks/)?${name}-[^"]+\\.mjs)"\\)`).exec(code)?.[1];
  const command = chunkOf(mainCode, 'mcp');
  expect(command).toBeDefined();
  const commandFile = join(dirname(join(dirname(CLI), main as string)), command as string);
  const serve = chunkOf(readFileSync(commandFile, 'utf8'), 'serve');
  expect(serve).toBeDefined();
  const served = staticClosure(join(dirname(commandFile), serve as string));
  expect([...served].some((f) => readFileSync(f, 'utf8').includes(SDK_MARK))).toBe(true);
});
