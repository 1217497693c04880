import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processAlive } from '../../../../../test/helpers/process-alive.js';
import { waitUntil } from '../../../../../test/helpers/wait-until.js';
import type { OutputLine } from '../../../src/node/deploy/output-lines.js';
import { runCommand } from '../../../src/node/deploy/run-command.js';

/** Collects the lines runCommand passes on, each as `<prefix><line>\n`, with its stream. */
function sink(prefix = '') {
  let text = '';
  const lines: OutputLine[] = [];
  const onLine = (l: OutputLine) => {
    lines.push(l);
    text += `${prefix}${l.line}\n`;
  };
  return { onLine, lines, text: () => text };
}

describe('runCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-run-'));

  it('says an empty command never started: nothing ran, so nothing is to undo', async () => {
    const r = await runCommand([], { cwd: dir, env: {}, timeoutMs: 1000, onLine: sink().onLine });
    expect(r).toEqual({ ok: false, code: null, signal: null, detail: 'empty command', notStarted: true });
  });

  it('passes the SHA as a variable, never through a shell, and streams its output line by line', async () => {
    const s = sink('[x] ');
    const evil = '$(touch pwned); `id`';
    const r = await runCommand(['sh', '-c', 'echo "sha=$SLIPWAY_SHA"; echo "arg=$0" >&2', evil], {
      cwd: dir,
      env: { SLIPWAY_SHA: 'abc123' },
      timeoutMs: 10_000,
      onLine: s.onLine,
    });
    expect(r).toMatchObject({ ok: true, code: 0 });
    expect(s.text()).toContain('[x] sha=abc123\n');
    expect(s.text()).toContain(`[x] arg=${evil}\n`);
  });

  it('redacts secrets, tags each line with its stream and caps what it passes on', async () => {
    // The cap counts both pipes in the order they are read, and nothing orders two pipes: the
    // script floods stdout only once `oops` from stderr was passed on (a loaded run read the
    // flood first and capped `oops` away).
    const seen = join(dir, 'stderr-seen');
    const s = sink();
    const onLine = (l: OutputLine) => {
      s.onLine(l);
      if (l.line === 'oops') writeFileSync(seen, '');
    };
    const script = `echo "token=$API_TOKEN"; echo "db=postgres://app:hunter22@db.internal/x"; echo oops >&2; until [ -e "${seen}" ]; do sleep 0.05; done; head -c 5000 /dev/zero | tr "\\0" a; echo`;
    const r = await runCommand(['sh', '-c', script], {
      cwd: dir,
      env: { API_TOKEN: 's3cr3t-value' },
      timeoutMs: 60_000,
      onLine,
      maxOutputBytes: 1000,
    });
    expect(r).toMatchObject({ ok: true, code: 0 });
    expect(s.text()).toContain('token=***\n');
    expect(s.text()).toContain('db=postgres://app:***@db.internal/x\n');
    expect(s.text()).not.toContain('s3cr3t');
    expect(s.text()).not.toContain('hunter22');
    expect(s.lines.find((l) => l.line === 'oops')?.stream).toBe('stderr');
    expect(s.lines.find((l) => l.line.startsWith('token'))?.stream).toBe('stdout');
    expect(s.text()).toContain('(output over 1 KiB: the rest is not shown)\n');
    expect(s.text()).not.toContain('a'.repeat(1000));
  });

  it('reports a failing exit code and a missing program in one line', async () => {
    const s = sink();
    const opts = { cwd: dir, env: {}, timeoutMs: 10_000, onLine: s.onLine };
    expect(await runCommand(['sh', '-c', 'exit 7'], opts)).toMatchObject({
      ok: false,
      detail: 'sh exited with code 7',
    });
    const missing = await runCommand(['/nonexistent/deploy-prod', '--now'], opts);
    expect(missing).toMatchObject({ ok: false });
    expect(missing.detail).toBe(
      'command not found: /nonexistent/deploy-prod (check deploy/rollback in the policy and PATH)',
    );
  });

  it('kills the whole process group of a command that hangs', async () => {
    const pidFile = join(dir, 'child.pid');
    writeFileSync(join(dir, 'hang.sh'), `sleep 60 &\necho $! > "${pidFile}"\nwait\n`);
    const s = sink();
    // 3 s: long enough for sh to start its background sleep on a loaded machine.
    const r = await runCommand(['sh', join(dir, 'hang.sh')], {
      cwd: dir,
      env: {},
      timeoutMs: 3000,
      graceMs: 200,
      onLine: s.onLine,
    });
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/timed out after 3 s and was killed/);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    // The background sleep was in the group: it is gone too, once reaped.
    await waitUntil(() => !processAlive(grandchild), 'the background sleep to be gone');
  });

  it('returns when the command exits, even if a daemon it started keeps stdout open', async () => {
    // `setsid` puts the daemon in its own session: it is not in the command's group and must
    // survive, holding the pipes, for as long as it lives. The result is the command's exit.
    const pidFile = join(dir, 'daemon.pid');
    // It returned before the daemon ended, which is what waiting for the pipes would need.
    const s = sink('[d] ');
    const r = await runCommand(
      ['sh', '-c', `echo start; setsid sleep 60 & echo $! > "${pidFile}"; echo done; exit 0`],
      { cwd: dir, env: {}, timeoutMs: 120_000, onLine: s.onLine },
    );
    const daemonAlive = processAlive(Number(readFileSync(pidFile, 'utf8')));
    try {
      expect(r).toMatchObject({ ok: true, code: 0, detail: 'sh exited 0' });
      expect(daemonAlive).toBe(true);
      expect(s.text()).toContain('[d] start\n');
      expect(s.text()).toContain('[d] done\n');
    } finally {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    }
  });

  it('told to stop, stops the whole group and names the signal; told again, kills it at once', async () => {
    const pidFile = join(dir, 'stubborn.pid');
    // The group outlives SIGTERM: the script says it got it and waits on; its sleep ignores it,
    // and writes its pid once it does (both traps are set before the test can send the signal).
    // Only the SIGKILL after the grace period (or a second stop) ends it.
    writeFileSync(
      join(dir, 'stubborn.sh'),
      // (It waits while its sleep lives: a run that fails half-way leaves no loop spinning.)
      `trap 'echo "got TERM"' TERM\nsh -c 'trap "" TERM; echo $$ > "${pidFile}"; exec sleep 60' &\nwhile kill -0 $! 2>/dev/null; do wait $!; done\n`,
    );
    const stop = new AbortController();
    const stopNow = new AbortController();
    // Timeout and grace outlast the test: only the second stop's SIGKILL can end the run.
    const s = sink();
    const running = runCommand(['sh', join(dir, 'stubborn.sh')], {
      cwd: dir,
      env: {},
      timeoutMs: 600_000,
      graceMs: 600_000,
      onLine: s.onLine,
      stop: stop.signal,
      stopNow: stopNow.signal,
    });
    await waitUntil(() => existsSync(pidFile), 'the script to start its sleep');
    stop.abort('SIGINT');
    // The first stop reached the group (SIGTERM), which lives on: the second must end it.
    await waitUntil(() => s.text().includes('got TERM'), 'the script to get the SIGTERM');
    stopNow.abort('SIGINT');
    const r = await running;
    expect(r).toMatchObject({
      ok: false,
      interrupted: 'SIGINT',
      detail: 'sh was stopped with everything it started: slipway was interrupted by SIGINT',
    });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await waitUntil(() => !processAlive(grandchild), 'the ignored-SIGTERM sleep to be gone');
  });

  it('already told to stop, starts nothing', async () => {
    const marker = join(dir, 'started.txt');
    const stop = new AbortController();
    stop.abort('SIGTERM');
    const s = sink();
    const r = await runCommand(['sh', '-c', `touch "${marker}"`], {
      cwd: dir,
      env: {},
      timeoutMs: 5000,
      onLine: s.onLine,
      stop: stop.signal,
    });
    expect(r).toMatchObject({
      ok: false,
      interrupted: 'SIGTERM',
      detail: 'sh was not started: slipway was interrupted by SIGTERM',
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('times out at the timeout when a daemon holds the pipes and the command hangs', async () => {
    const pidFile = join(dir, 'daemon2.pid');
    // The daemon outlives the test: a run that waited for its pipes would never return. 3 s lets
    // sh start it on a loaded machine; the run may end later than that, never sooner.
    const s = sink();
    const started = Date.now();
    const r = await runCommand(
      ['sh', '-c', `echo waiting; setsid sleep 600 & echo $! > "${pidFile}"; sleep 600`],
      { cwd: dir, env: {}, timeoutMs: 3000, graceMs: 500, onLine: s.onLine },
    );
    const took = Date.now() - started;
    try {
      expect(r.ok).toBe(false);
      expect(r.detail).toBe('sh timed out after 3 s and was killed');
      expect(took).toBeGreaterThanOrEqual(2950);
      expect(s.text()).toContain('waiting\n');
    } finally {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    }
  });

  // 'é' is two bytes; printf writes the first, waits, then the second: two chunks on the pipe.
  const SPLIT_CHAR = "printf 'caf\\303'; sleep 0.2; printf '\\251 ok\\n'";

  it('decodes a character whose bytes arrive in two chunks as one character', async () => {
    const s = sink();
    const r = await runCommand(['sh', '-c', SPLIT_CHAR], {
      cwd: dir,
      env: {},
      timeoutMs: 10_000,
      onLine: s.onLine,
    });
    expect(r.ok).toBe(true);
    expect(s.text()).toBe('café ok\n');
  });

  it('passes output read as data through untouched: no redaction, newlines and split characters kept', async () => {
    const chunks: string[] = [];
    const r = await runCommand(
      ['sh', '-c', `echo "$APP_TOKEN_PATH"; echo https://u:pw@host/x; ${SPLIT_CHAR}`],
      {
        cwd: dir,
        // A secret-looking name holding a path: shown output would hide it, an answer must not.
        env: { APP_TOKEN_PATH: '/srv/app/repo' },
        timeoutMs: 10_000,
        onOutput: (stream, text) => chunks.push(`${stream}:${text}`),
      },
    );
    expect(r).toMatchObject({ ok: true, code: 0 });
    expect(chunks.every((c) => c.startsWith('stdout:'))).toBe(true);
    expect(chunks.map((c) => c.slice('stdout:'.length)).join('')).toBe(
      '/srv/app/repo\nhttps://u:pw@host/x\ncafé ok\n',
    );
  });

  it('says why a program could not start and when a run timed out, as fields', async () => {
    const missing = await runCommand(['no-such-program-here'], {
      cwd: dir,
      env: {},
      timeoutMs: 10_000,
      onLine: () => {},
    });
    expect(missing).toMatchObject({ ok: false, notStarted: true, errorCode: 'ENOENT' });
    const hung = await runCommand(['sleep', '30'], {
      cwd: dir,
      env: {},
      timeoutMs: 300,
      graceMs: 100,
      onLine: () => {},
    });
    expect(hung).toMatchObject({ ok: false, timedOut: true });
    expect(hung.notStarted).toBeUndefined();
  });
});
