import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for tests: initdb in a temp dir,
 * loopback only, on a free port, run as the `postgres` user when we are root (the server refuses
 * root). Start it once per suite in beforeAll and stop it in afterAll, which runs on failure too.
 */
export interface PgServer {
  host: '127.0.0.1';
  port: number;
  /** Superuser password ('' with trust auth). */
  password: string;
  /** A connection URL; user defaults to postgres with the superuser password. */
  url(database?: string, user?: string, password?: string): string;
  /** Runs SQL as the superuser in `database` (default postgres). */
  sql(text: string, database?: string): Promise<pg.QueryResult['rows']>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Host authentication: trust (default) or password checking. */
  auth?: 'trust' | 'scram-sha-256' | 'md5';
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function pgBin(): string {
  const find = () => {
    const base = '/usr/lib/postgresql';
    if (!existsSync(base)) return undefined;
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? join(base, versions[0], 'bin') : undefined;
  };
  let bin = find();
  if (!bin) {
    execFileSync('bash', [join(root, 'scripts/ensure-prerequisites.sh')], { stdio: 'inherit' });
    bin = find();
  }
  if (!bin) throw new Error('PostgreSQL binaries not found after scripts/ensure-prerequisites.sh');
  return bin;
}

/** The psql of the PostgreSQL the tests run (the same installation as the server's). */
export function psqlPath(): string {
  return join(pgBin(), 'psql');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function asPostgres(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd as string, argv as string[], { stdio: 'pipe' });
}

/**
 * One initdb per kind of authentication in a test process: each server starts on its own copy of
 * that cluster (`cp -a` as its owner, half a second) instead of an initdb of its own (six seconds
 * on a loaded machine). The copies are the same cluster initdb would have made: same superuser,
 * same password, same settings.
 */
const templates = new Map<string, string>();

function template(bin: string, auth: NonNullable<StartOptions['auth']>, password: string): string {
  const made = templates.get(auth);
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'slipway-pg-template-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  if (isRoot()) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), -1);
  const data = join(dir, 'data');
  const initArgs = ['-D', data, '-U', 'postgres', '--auth-local=trust', `--auth-host=${auth}`, '-E', 'UTF8'];
  if (password) {
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
    initArgs.push(`--pwfile=${pwfile}`);
  }
  asPostgres(join(bin, 'initdb'), initArgs);
  if (auth === 'md5') {
    // initdb stores scram verifiers; md5 auth needs md5-hashed passwords for new roles.
    writeFileSync(join(data, 'postgresql.auto.conf'), "password_encryption = 'md5'\n", { flag: 'a' });
  }
  templates.set(auth, data);
  return data;
}

export async function startPostgres(options: StartOptions = {}): Promise<PgServer> {
  const bin = pgBin();
  const auth = options.auth ?? 'trust';
  const dir = mkdtempSync(join(tmpdir(), 'slipway-pg-'));
  const password = auth === 'trust' ? '' : 'Sup3r-s3cret!';
  if (isRoot()) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), -1);
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) {
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres('cp', ['-a', template(bin, auth, password), data]);
    started = true;
    asPostgres(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'pg.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = (database = 'postgres', user = 'postgres', pw = password) =>
    `postgresql://${encodeURIComponent(user)}${pw ? `:${encodeURIComponent(pw)}` : ''}@127.0.0.1:${port}/${database}`;
  return {
    host: '127.0.0.1',
    port,
    password,
    url,
    async sql(text, database = 'postgres') {
      const client = new pg.Client({ connectionString: url(database) });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
    stop,
  };
}

/**
 * The server's major version (`server_version_num` / 10000): the binaries are whichever newest
 * PostgreSQL the machine has, so a policy's `postgres_version` that must match it (DB007) is read.
 */
export async function serverMajor(server: PgServer): Promise<number> {
  const [row] = await server.sql(`select current_setting('server_version_num') as v`);
  return Math.floor(Number(row?.v) / 10000);
}
