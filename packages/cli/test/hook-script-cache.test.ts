import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiedCli } from './helpers/copied-cli.js';

// The agent gate's script and its code caches: its own script, split where its modules load
// (scripts/build-cli.mjs), each chunk with a cache of its own (src/script-chunks.ts), and the shell
// parser's. The caches of the other scripts: cli-bundle-loader.test.ts.
const cli = copiedCli();
const { slipwayWith, check } = cli;
const cacheFiles = () => cli.cacheFiles();

/** The trace's lines about the agent gate's chunks (`slipway: code cache (chunk …) absent`). */
const chunkLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes(' (chunk '));
/** The trace without them. */
const withoutChunks = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => !l.includes(' (chunk '))
    .join('\n');

describe("the agent gate's script and its code caches", () => {
  it("runs the agent gate from its own script, and a shell command's parser from a third, each cached", () => {
    const call = JSON.stringify({
      session_id: 's',
      cwd: cli.repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'echo x > core/c.txt' },
    });
    const first = slipwayWith(call, 'hook', 'claude');
    expect([first.trace, withoutChunks(first.stderr)]).toEqual([
      'slipway: code cache absent',
      'slipway: code cache (shell parser) absent\n',
    ]);
    // The gate's chunks (its script is split where its modules load), each with a cache of its own.
    expect(new Set(chunkLines(first.stderr).map((l) => l.split(' ').pop()))).toEqual(new Set(['absent']));
    expect(JSON.parse(first.stdout).hookSpecificOutput.permissionDecision).toBe('ask');
    const hookScript = statSync(join(cli.dist, 'slipway-hook.cjs')).size;
    const shellScript = statSync(join(cli.dist, 'slipway-sh.cjs')).size;
    expect(cacheFiles().filter((f) => !f.startsWith('chunk-'))).toEqual([
      expect.stringMatching(new RegExp(`^hook\\.[0-9a-f]{16}-${hookScript}-\\d+-`)),
      expect.stringMatching(new RegExp(`^shell-parser\\.[0-9a-f]{16}-${shellScript}-\\d+-`)),
    ]);
    const chunkCaches = cacheFiles().filter((f) => f.startsWith('chunk-'));
    expect(chunkCaches).toHaveLength(chunkLines(first.stderr).length);
    for (const c of chunkCaches)
      expect(
        existsSync(join(cli.dist, 'chunks', `${(/^chunk-([^.]+)\./.exec(c) as RegExpExecArray)[1]}.cjs`)),
      ).toBe(true);
    // The next call uses them all: a chunk whose cache is used says nothing.
    const second = slipwayWith(call, 'hook', 'claude');
    expect([second.trace, second.stderr]).toEqual([
      'slipway: code cache used',
      'slipway: code cache (shell parser) used\n',
    ]);
    expect(second.stdout).toBe(first.stdout);
    // A check loads neither (it reads no shell command): only its own cache is added.
    expect(check().trace).toBe('slipway: code cache absent');
    expect(
      cacheFiles()
        .filter((f) => !f.startsWith('chunk-'))
        .map((f) => f.split('.')[0]),
    ).toEqual(['check', 'hook', 'shell-parser']);
    expect(cacheFiles().filter((f) => f.startsWith('chunk-'))).toEqual(chunkCaches);
  });

  it("widens the gate's cache when a call reaches what the call that wrote it did not, and only then", () => {
    const call = (tool_name: string, tool_input: Record<string, string>) =>
      JSON.stringify({
        session_id: 's',
        cwd: cli.repo.dir,
        hook_event_name: 'PreToolUse',
        tool_name,
        tool_input,
      });
    const readOnly = call('Bash', { command: 'git log --oneline -3' });
    const write = call('Write', { file_path: join(cli.repo.dir, 'docs/new.md'), content: '# New\n' });
    const sqlWrite = call('Write', {
      file_path: join(cli.repo.dir, 'db/002_add.sql'),
      content: 'SELECT 1;\n',
    });
    const header = () => {
      const name = cacheFiles().find((f) => f.startsWith('hook.')) as string;
      const bytes = readFileSync(join(cli.dist, '.code-cache', name));
      return bytes.toString('latin1', 0, bytes.indexOf(0x0a));
    };
    // What the gate's script and its chunks have cached, in bytes.
    const gateBytes = () =>
      cacheFiles()
        .filter((f) => f.startsWith('hook.') || f.startsWith('chunk-'))
        .reduce((n, f) => n + statSync(join(cli.dist, '.code-cache', f)).size, 0);
    // An agent's first call is read-only: answered without the engine, its cache holds no engine.
    expect(slipwayWith(readOnly, 'hook', 'claude').trace).toBe('slipway: code cache absent');
    expect(header()).toBe('slipway-code-cache');
    const small = gateBytes();
    // The first judged call compiles the engine and writes it in: in the gate's chunks it loads for
    // the first time, and in those the read-only call loaded, which it widens as the script's own.
    const judged = slipwayWith(write, 'hook', 'claude');
    expect([judged.code, judged.trace, withoutChunks(judged.stderr)]).toEqual([
      0,
      'slipway: code cache used',
      'slipway: code cache widened\n',
    ]);
    expect(new Set(chunkLines(judged.stderr).map((l) => l.split(' ').pop()))).toEqual(
      new Set(['absent', 'widened']),
    );
    expect(header()).toBe('slipway-code-cache judged');
    expect(gateBytes()).toBeGreaterThan(small * 1.5);
    // Another such call, and a read-only one, find what they need: nothing is written again.
    for (const again of [write, readOnly]) {
      const r = slipwayWith(again, 'hook', 'claude');
      expect([r.trace, r.stderr]).toEqual(['slipway: code cache used', '']);
    }
    // A migration's rules are in chunks of their own, loaded by such a call only: their caches are
    // written then, and nothing the path-only calls read grows (a wider cache costs the calls an
    // agent makes most). The next such call finds everything.
    const before = new Map(cacheFiles().map((f) => [f, statSync(join(cli.dist, '.code-cache', f)).size]));
    const sql = slipwayWith(sqlWrite, 'hook', 'claude');
    expect([sql.trace, withoutChunks(sql.stderr)]).toEqual(['slipway: code cache used', '']);
    expect(new Set(chunkLines(sql.stderr).map((l) => l.split(' ').pop()))).toEqual(new Set(['absent']));
    for (const [f, size] of before) expect(statSync(join(cli.dist, '.code-cache', f)).size, f).toBe(size);
    const again = slipwayWith(sqlWrite, 'hook', 'claude');
    expect([again.trace, again.stderr]).toEqual(['slipway: code cache used', '']);
    expect(header()).toBe('slipway-code-cache judged');
  });

  it('says in one line, exit 2, that a chunk of the installation is missing: no stack trace, no call let through', () => {
    const entry = readFileSync(join(cli.dist, 'slipway-hook.cjs'), 'utf8');
    const first = (
      /require\("\.\/(chunks\/slipway-hook-[A-Z0-9]+\.cjs)"\)/.exec(entry) as RegExpExecArray
    )[1] as string;
    const call = JSON.stringify({
      session_id: 's',
      cwd: cli.repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: join(cli.repo.dir, 'docs/a.md'), content: 'a\n' },
    });
    renameSync(join(cli.dist, first), join(cli.dist, `${first}.away`));
    try {
      const r = slipwayWith(call, 'hook', 'claude');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      // The load's own trace line, then the one line that says what is wrong.
      expect([r.trace, r.stderr]).toEqual([
        'slipway: code cache absent',
        expect.stringMatching(
          new RegExp(
            `^slipway: cannot load the CLI's slipway-hook\\.cjs \\(ENOENT[^\\n]*${first.split('/')[1]}'?\\); install Slipway again\\n$`,
          ),
        ),
      ]);
    } finally {
      renameSync(join(cli.dist, `${first}.away`), join(cli.dist, first));
    }
    // The same call with the chunk back: judged (a docs Write, let through).
    expect(slipwayWith(call, 'hook', 'claude').code).toBe(0);
  });
});
