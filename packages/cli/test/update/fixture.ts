// The update tests' one fixture (a signed release repository, a bot checkout, its hooks and
// the helpers that read what an update left).
// Over 300 lines: every update test builds on the same repositories, and one place keeps them
// consistent.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { UserError } from '../../src/command.js';
import { updateCommand } from '../../src/commands/update.js';
import { type Keys, keyrings, notAgentFile, run, stopAgent } from './fixture-keyrings.js';

/**
 * A real installation to update: a bare git remote with signed, unsigned and wrongly signed
 * release tags (real gpg keys), a bot checkout at v1.0.0 with a persistence directory, hook
 * scripts that record every call and fail on demand, and a health server on 127.0.0.1 that
 * reports what the last restart started.
 */
export interface Fixture {
  dir: string;
  remote: string;
  dev: string;
  bot: string;
  control: string;
  env: Record<string, string>;
  keys: Keys;
  healthUrl: string;
  close(): Promise<void>;
}

export function git(f: Pick<Fixture, 'env'>, cwd: string, ...args: string[]): string {
  return run(cwd, f.env, ['git', ...args]);
}

export const HOOKS = ['save', 'test', 'quiesce', 'restart', 'resume'] as const;

/**
 * A hook records "<name> <to>" (plus " rollback" during one) in calls.log and fails while
 * control/fail-<name> exists: during an update only, or always when the file says "always".
 */
function hookScript(control: string, name: string): string {
  const extra =
    name === 'restart'
      ? `cp app.txt "${control}/running.txt"\n`
      : name === 'save'
        ? 'touch bot_persistence/default/state.db\n'
        : '';
  const wait =
    name === 'test'
      ? `if [ -f "${control}/hold-test" ]; then touch "${control}/test-started"; while [ ! -f "${control}/go" ]; do sleep 0.05; done; fi\n`
      : '';
  const pyc = name === 'test' ? 'mkdir -p __pycache__ && echo compiled > __pycache__/app.pyc\n' : '';
  return `#!/bin/sh\necho "${name} $SLIPWAY_UPDATE_TO\${SLIPWAY_UPDATE_ROLLBACK:+ rollback}" >> "${control}/calls.log"\n${pyc}${wait}F="${control}/fail-${name}"\nif [ -f "$F" ] && { [ -z "$SLIPWAY_UPDATE_ROLLBACK" ] || grep -q always "$F"; }; then echo "${name} hook failed on purpose" >&2; exit 3; fi\n${extra}`;
}

/**
 * Fixtures are built in slots: a folder per slot, reused by the fixtures made one after another
 * (a slot is taken until its fixture is closed, so fixtures open at once get slots of their own).
 * The first fixture of a slot for a given `extraToml` is built as described above (two repositories,
 * a signed release, a clone: some twenty git and gpg runs) and copied aside as that slot's template;
 * the next ones are copies of the template, at the same path. The same path because the committed
 * config/update.toml (signed with its release) names the hook scripts, the control folder and the
 * health URL absolutely, as does the clone's remote; the same health server per slot, for its port.
 * A copy is a real installation as the built one is: the same files, keyrings and repositories.
 */
let slotsRoot: string | undefined;
const busySlots = new Set<number>();
const slotServers = new Map<number, string>();
const templates = new Map<string, { dir: string; keys: Fixture['keys'] }>();

/** The health server of a slot (its URL): the `running.txt` of the fixture in the slot. */
async function slotHealthUrl(slot: number, control: string): Promise<string> {
  const known = slotServers.get(slot);
  if (known) return known;
  const server: Server = createServer((_req, res) => {
    const file = join(control, 'running.txt');
    // Only between two fixtures of the slot: no installation there to be healthy.
    const running = existsSync(file) ? readFileSync(file, 'utf8') : 'no fixture, unhealthy';
    res.statusCode = running.includes('unhealthy') ? 503 : 200;
    res.end(running);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  slotServers.set(slot, url);
  return url;
}

/** `extraToml` is appended to the [update] table; `{control}` in it names the control directory. */
export async function createFixture(extraToml = ''): Promise<Fixture> {
  if (!slotsRoot) {
    const root = mkdtempSync(join(tmpdir(), 'slw-upd-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    slotsRoot = root;
  }
  let slot = 0;
  while (busySlots.has(slot)) slot++;
  busySlots.add(slot);
  const dir = join(slotsRoot, `slot-${slot}`);
  rmSync(dir, { recursive: true, force: true });
  const home = join(dir, 'home');
  const signerHome = join(dir, 'gs');
  const verifierHome = join(dir, 'gv');
  const control = join(dir, 'control');
  const healthUrl = await slotHealthUrl(slot, control);
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.test',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.test',
  };
  const key = `${slot}\n${extraToml}`;
  const saved = templates.get(key);
  let f: Fixture;
  if (saved) {
    cpSync(saved.dir, dir, { recursive: true, filter: notAgentFile });
    for (const d of [home, signerHome, verifierHome]) chmodSync(d, 0o700);
    f = {
      dir,
      remote: join(dir, 'remote.git'),
      dev: join(dir, 'dev'),
      bot: join(dir, 'bot'),
      control,
      env: { ...base, GNUPGHOME: verifierHome },
      keys: { ...saved.keys },
      healthUrl,
      close: async () => {},
    };
  } else {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    f = buildFixture(dir, base, healthUrl, extraToml);
    const copy = join(slotsRoot, `template-${templates.size}`);
    cpSync(dir, copy, { recursive: true, filter: notAgentFile });
    templates.set(key, { dir: copy, keys: { ...f.keys } });
  }
  let closed = false;
  f.close = async () => {
    // Once: a file's afterEach may close the last fixture again, after the slot went to another.
    if (closed) return;
    closed = true;
    for (const h of [signerHome, verifierHome]) stopAgent({ ...base, GNUPGHOME: h });
    rmSync(dir, { recursive: true, force: true });
    busySlots.delete(slot);
  };
  // The dev repo keeps signing with the signer's keyring.
  devEnv.set(f, { ...base, GNUPGHOME: signerHome });
  return f;
}

/** A fixture built in `dir` from nothing but the keyrings' template: what a template is made of. */
function buildFixture(
  dir: string,
  base: Record<string, string>,
  healthUrl: string,
  extraToml: string,
): Fixture {
  const signerHome = join(dir, 'gs');
  const verifierHome = join(dir, 'gv');
  const keys = keyrings(base, signerHome, verifierHome);

  const control = join(dir, 'control');
  mkdirSync(control);
  for (const h of HOOKS) {
    writeFileSync(join(control, `${h}.sh`), hookScript(control, h));
    chmodSync(join(control, `${h}.sh`), 0o755);
  }
  writeFileSync(join(control, 'running.txt'), 'release 1.0.0\n');

  const remote = join(dir, 'remote.git');
  const dev = join(dir, 'dev');
  const env = { ...base, GNUPGHOME: signerHome };
  run(dir, env, ['git', 'init', '--quiet', '--bare', '--initial-branch=main', remote]);
  run(dir, env, ['git', 'init', '--quiet', '--initial-branch=main', dev]);
  const f: Fixture = {
    dir,
    remote,
    dev,
    bot: join(dir, 'bot'),
    control,
    env,
    keys,
    healthUrl,
    close: async () => {},
  };
  const toml = [
    '[update]',
    'channel = "main"',
    `allowed_signers = ["${keys.release}"]`,
    `health_url = "${healthUrl}"`,
    'health_timeout_seconds = 3',
    'min_save_age_minutes = 30',
    ...HOOKS.map((h) => `${h === 'save' ? 'save' : h}_command = ["${join(control, `${h}.sh`)}"]`),
    extraToml.replaceAll('{control}', control),
    '',
  ].join('\n');
  mkdirSync(join(dev, 'config'));
  writeFileSync(join(dev, 'config/update.toml'), toml);
  writeFileSync(join(dev, '.gitignore'), 'backups/\nbot_persistence/\n__pycache__/\nlocal.cfg\n');
  writeFileSync(join(dev, 'slipway.yaml'), 'version: 1\nupdate:\n  config: config/update.toml\n');
  release(f, 'v1.0.0', 'release 1.0.0\n', 'release');
  git(f, dev, 'remote', 'add', 'origin', remote);
  git(f, dev, 'push', '--quiet', 'origin', 'main', '--tags');

  git(f, dir, 'clone', '--quiet', remote, f.bot);
  git(f, f.bot, 'checkout', '--quiet', '--detach', 'v1.0.0');
  mkdirSync(join(f.bot, 'bot_persistence/default'), { recursive: true });
  writeFileSync(join(f.bot, 'bot_persistence/default/state.db'), Buffer.from([0, 1, 2, 3, 254, 255]));
  writeFileSync(join(f.bot, 'local.cfg'), 'ignored by git, kept by backups\n');
  f.env = { ...base, GNUPGHOME: verifierHome };
  return f;
}

const devEnv = new WeakMap<Fixture, Record<string, string>>();

/**
 * Commits `app` as app.txt on the dev repo's main and tags it: signed by `signer`, or an
 * annotated unsigned tag ('unsigned'), or a lightweight one ('lightweight').
 */
export function release(
  f: Fixture,
  tag: string,
  app: string,
  signer: 'release' | 'rogue' | 'stranger' | 'unsigned' | 'lightweight',
) {
  const env = devEnv.get(f) ?? f.env;
  const g = (...args: string[]) => run(f.dev, env, ['git', ...args]);
  writeFileSync(join(f.dev, 'app.txt'), app);
  g('add', '-A');
  g('commit', '--quiet', '-m', `release ${tag}`);
  if (signer === 'lightweight') g('tag', tag);
  else if (signer === 'unsigned') g('tag', '-a', tag, '-m', tag);
  else g('-c', `user.signingkey=${f.keys[signer]}!`, 'tag', '-s', tag, '-m', tag);
}

/** Commits `app` as app.txt on the dev repo's main without a tag, signed by `signer` or not. */
export function commitOnMain(f: Fixture, app: string, signer: 'release' | 'rogue' | 'unsigned') {
  const env = devEnv.get(f) ?? f.env;
  const g = (...args: string[]) => run(f.dev, env, ['git', ...args]);
  writeFileSync(join(f.dev, 'app.txt'), app);
  g('add', '-A');
  if (signer === 'unsigned') g('commit', '--quiet', '-m', app.trim());
  else g('commit', '--quiet', `-S${f.keys[signer]}!`, '-m', app.trim());
}

export function publish(f: Fixture) {
  run(f.dev, devEnv.get(f) ?? f.env, ['git', 'push', '--quiet', '--force', 'origin', 'main', '--tags']);
}

/** SHA-256 of every file and symlink in the checkout except .git and backups/. */
export function treeHashes(root: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = rel ? `${rel}/${entry}` : entry;
      if (path === '.git' || path === 'backups' || skip.includes(path)) continue;
      const abs = join(dir, entry);
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs, path);
      else if (st.isSymbolicLink()) out[path] = `link:${readlinkSync(abs)}`;
      else
        out[path] =
          `${(st.mode & 0o777).toString(8)}:${createHash('sha256').update(readFileSync(abs)).digest('hex')}`;
    }
  };
  walk(root, '');
  return out;
}

/** The bot's tree apart from its own state and audit files: what a refused or failed update must leave as it was. */
export const snapshot = (fx: Fixture) => treeHashes(fx.bot, [STATE, AUDIT]);

export const STATE = 'bot_persistence/default/meta/update_state.json';
export const AUDIT = 'bot_persistence/default/meta/update_audit.jsonl';

export function readState(f: Fixture): Record<string, unknown> {
  return JSON.parse(readFileSync(join(f.bot, STATE), 'utf8'));
}

export function calls(f: Fixture): string[] {
  const p = join(f.control, 'calls.log');
  return existsSync(p) ? readFileSync(p, 'utf8').trim().split('\n') : [];
}

export function resetCalls(f: Fixture) {
  rmSync(join(f.control, 'calls.log'), { force: true });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `slipway update ...` in-process, printing user errors as the CLI's main does. */
export async function slipway(
  f: Fixture,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  let code: number;
  try {
    code = await updateCommand.run({
      argv: args,
      cwd: f.bot,
      env: { ...f.env, ...env },
      stdin: new PassThrough(),
      stdout,
      stderr,
      debug: false,
    });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    err += `slipway update: ${e.message}\n`;
    code = e.exitCode;
  }
  return { code, stdout: out, stderr: err };
}
