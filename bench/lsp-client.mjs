// The language server over stdio for the benches: a temp git repository, the bundled server
// and a plain vscode-jsonrpc client that answers what an editor answers. Not a bench itself
// (no `.bench.mjs`): lsp.bench.mjs and lsp-freshness.bench.mjs use it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER = join(root, 'packages/lsp/dist/server.mjs');

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'B',
  GIT_AUTHOR_EMAIL: 'b@x',
  GIT_COMMITTER_NAME: 'B',
  GIT_COMMITTER_EMAIL: 'b@x',
};

/** A git repository in a temp dir; `files` written and committed on main. */
export class BenchRepo {
  constructor(files) {
    this.dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-bench-'));
    this.git('init', '-q', '-b', 'main');
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'base');
  }
  git(...args) {
    return execFileSync('git', args, { cwd: this.dir, env, stdio: 'pipe', maxBuffer: 1 << 28 });
  }
  write(files) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), text);
    }
  }
  uri(path) {
    return pathToFileURL(join(this.dir, path)).href;
  }
  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts the server on `repo` and initializes it as a pulling client that does not watch files
 * (the server then watches git itself, as for Neovim or Helix). `onRefresh` sees each
 * `workspace/diagnostic/refresh`.
 */
export async function startServer(repo, { onRefresh = () => {} } = {}) {
  // LSP_BENCH_PROFILE=dir: a CPU profile of each server, to see where a figure's time goes.
  const profile = process.env.LSP_BENCH_PROFILE;
  const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), SERVER, '--stdio'];
  const child = spawn(process.execPath, args, {
    cwd: repo.dir,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const c = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  c.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  c.onRequest('client/registerCapability', () => null);
  c.onRequest('workspace/diagnostic/refresh', () => {
    onRefresh();
    return null;
  });
  c.onNotification(() => {});
  c.listen();
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri: repo.uri(''),
    workspaceFolders: [{ uri: repo.uri(''), name: 'bench' }],
    // The bench's own repository: trusted, as a user who set up their editor says (README).
    initializationOptions: { workspaceTrusted: true },
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: {} },
    },
  });
  c.sendNotification('initialized', {});
  let version = 1;
  return {
    connection: c,
    /** Resident memory of the server process (VmRSS), in MB; undefined off Linux. */
    rssMb() {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    open(path, text) {
      c.sendNotification('textDocument/didOpen', {
        textDocument: { uri: repo.uri(path), languageId: 'plaintext', version: 1, text },
      });
    },
    change(path, text) {
      c.sendNotification('textDocument/didChange', {
        textDocument: { uri: repo.uri(path), version: ++version },
        contentChanges: [{ text }],
      });
    },
    /** An incremental edit, as editors send a keystroke: `text` replaces `range`. */
    edit(path, range, text) {
      c.sendNotification('textDocument/didChange', {
        textDocument: { uri: repo.uri(path), version: ++version },
        contentChanges: [{ range, text }],
      });
    },
    pull(path) {
      return c.sendRequest('textDocument/diagnostic', { textDocument: { uri: repo.uri(path) } });
    },
    pullWorkspace() {
      return c.sendRequest('workspace/diagnostic', { previousResultIds: [] });
    },
    hover(path) {
      return c.sendRequest('textDocument/hover', {
        textDocument: { uri: repo.uri(path) },
        position: { line: 0, character: 0 },
      });
    },
    async stop() {
      await c.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.on('exit', resolve));
      c.sendNotification('exit');
      await exited;
      c.dispose();
    },
  };
}

/** The value at quantile `q` of `times` (sorted here). */
export function quantile(times, q) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

/** One figure beside its target: `name   p50 … p95 …   target … PASS|FAIL`. */
export function report(name, times, target, q = 0.95) {
  const p = quantile(times, q);
  const label = q === 0.95 ? 'p95' : 'max';
  console.log(
    `${name.padEnd(52)} p50 ${quantile(times, 0.5).toFixed(1).padStart(7)} ms  ${label} ${p.toFixed(1).padStart(7)} ms   target ${label} ≤ ${target} ms   ${p <= target ? 'PASS' : 'FAIL'}`,
  );
}

/** The machine's load beside the figures: they are noisy on a busy machine. */
export function loadLine() {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (uptime)`;
}
