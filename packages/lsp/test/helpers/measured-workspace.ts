import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  type ConnectionListener,
  listenForConnections,
  recordSpawns,
  type SpawnRecorder,
} from '../../../../test/helpers/spawn-recorder.js';
import { LspSession } from './lsp-session.js';
import { FixtureRepo } from './repo-fixture.js';

/**
 * The harness of the untrusted-workspace tests (hostile-untrusted-*.test.ts): a workspace opened
 * over stdio as an editor opens it, with what it started, whom it contacted and what it wrote
 * measured: shims on PATH log every git, npm and ssh (ssh refused: a test never offers anyone's
 * keys), a listener on 127.0.0.1 stands for the host a hostile policy names (npm's registry too),
 * and the cache directory and the repository (its .git too) are listed before and after.
 */

export const DROP_SQL = "SET lock_timeout = '5s';\nDROP TABLE users;\n";
/** A repository base whose migrations section makes DROP_SQL in db/ a MIG001. */
export const BASE = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';

export class MeasuredWorkspaces {
  private readonly temps: string[] = [];

  private constructor(
    readonly rec: SpawnRecorder,
    readonly host: ConnectionListener,
  ) {}

  static async start(): Promise<MeasuredWorkspaces> {
    return new MeasuredWorkspaces(
      recordSpawns(['git', 'npm', 'ssh'], { refuse: ['ssh'] }),
      await listenForConnections(),
    );
  }

  temp(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.temps.push(dir);
    return dir;
  }

  /** A repository of `files`, removed with the rest. */
  repo(files: Record<string, string>): FixtureRepo {
    const repo = new FixtureRepo(files);
    this.temps.push(repo.dir);
    return repo;
  }

  /** A repository whose policy extends `extendsLine` and turns MIG001 to error, with db/001.sql. */
  withPolicy(extendsLine: string, more: Record<string, string> = {}): FixtureRepo {
    return this.repo({
      'slipway.yaml': `version: 1\nextends: ${extendsLine}\nrules:\n  MIG001: error\n`,
      'db/001.sql': 'CREATE TABLE users (id int);\n',
      ...more,
    });
  }

  async dispose(): Promise<void> {
    this.rec.dispose();
    await this.host.close();
    for (const dir of this.temps) rmSync(dir, { recursive: true, force: true });
  }

  /**
   * Opens `repo` over stdio as an editor would, with `trusted` said (or not) in initialize, and
   * does what a person does on opening a clone: the policy and a migration opened, their
   * diagnostics pulled, a hover, a completion, the outline, the lenses, a go-to-definition, the
   * workspace's diagnostics.
   */
  async open(
    repo: FixtureRepo,
    trusted: boolean | 'unsaid',
    env: Record<string, string> = {},
  ): Promise<Opened> {
    const cache = env.SLIPWAY_CACHE_DIR ?? join(this.temp('slipway-cache-parent-'), 'cache');
    const before = listing(repo.dir);
    const cacheBefore = listing(cache);
    this.rec.clear();
    const connectionsBefore = this.host.connections();
    const lsp = await LspSession.start(repo.dir, {
      trusted,
      env: {
        ...(this.rec.env() as Record<string, string>),
        SLIPWAY_CACHE_DIR: cache,
        // npm's registry is the attacker's host too, asked once (no retries to wait out).
        npm_config_registry: `http://127.0.0.1:${this.host.port}/`,
        npm_config_fetch_retries: '0',
        ...env,
      },
    });
    try {
      await lsp.open('slipway.yaml', readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8'), 'yaml');
      await lsp.open('db/001.sql', DROP_SQL, 'sql');
      const policy = await lsp.pull('slipway.yaml');
      const migration = await lsp.pull('db/001.sql');
      const td = (path: string) => ({ textDocument: { uri: lsp.uri(path) } });
      await lsp.hover('slipway.yaml', 1, 3);
      await lsp.hover('db/001.sql', 1, 2);
      await lsp.request('textDocument/completion', {
        ...td('slipway.yaml'),
        position: { line: 2, character: 0 },
      });
      await lsp.request('textDocument/documentSymbol', td('slipway.yaml'));
      await lsp.request('textDocument/codeLens', td('slipway.yaml'));
      await lsp.request('textDocument/definition', {
        ...td('slipway.yaml'),
        position: { line: 1, character: 3 },
      });
      await lsp.pullWorkspace();
      return {
        spawned: this.rec.calls().map((c) => [c.program, ...c.args].join(' ')),
        connections: this.host.connections() - connectionsBefore,
        policy,
        migration,
        messages: [...lsp.messages],
        cacheWritten: listing(cache).filter((l) => !cacheBefore.includes(l)),
        repoChanged: JSON.stringify(listing(repo.dir)) !== JSON.stringify(before),
      };
    } finally {
      await lsp.stop();
    }
  }
}

/** Every path under `dir` (its .git included) with its size and mtime: what "wrote nothing" compares. */
function listing(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(join(dir, rel))
    .sort()
    .flatMap((name) => {
      const path = rel ? `${rel}/${name}` : name;
      const st = statSync(join(dir, path));
      return st.isDirectory() ? [`${path}/`, ...listing(dir, path)] : [`${path} ${st.size} ${st.mtimeMs}`];
    });
}

export interface Opened {
  /** Processes started (git, npm, ssh) while the workspace was open. */
  spawned: string[];
  /** Connections to the attacker's host. */
  connections: number;
  policy: Diagnostic[];
  migration: Diagnostic[];
  messages: string[];
  cacheWritten: string[];
  repoChanged: boolean;
}

/** The editor's notice that a base was not fetched (withheld-base.ts). */
export const notFetched = (d: Diagnostic[]) => d.filter((x) => x.code === 'base-not-fetched');
