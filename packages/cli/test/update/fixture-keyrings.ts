// The update fixture's gpg keys (fixture.ts): generated once per test process, copied per fixture.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Keys {
  release: string;
  rogue: string;
  stranger: string;
}

/** A program run to its end, its output trimmed (git, gpg): the fixture's one way to run them. */
export const run = (cwd: string, env: Record<string, string>, args: string[]) =>
  execFileSync(args[0] as string, args.slice(1), {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

/** Not a gpg agent's socket or lock file: a copied keyring's gpg starts an agent of its own. */
export const notAgentFile = (from: string) => !/\/S\.[^/]*$|\.lock$|\/\.#lk[^/]*$/.test(from);

function genKey(env: Record<string, string>, name: string): string {
  run(tmpdir(), env, [
    'gpg',
    '--batch',
    '--pinentry-mode',
    'loopback',
    '--passphrase',
    '',
    '--quick-gen-key',
    `${name} <${name}@example.test>`,
    'ed25519',
    'sign',
    'never',
  ]);
  const out = run(tmpdir(), env, ['gpg', '--list-keys', '--with-colons', `${name}@example.test`]);
  return /^fpr:+([0-9A-F]+):/m.exec(out)?.[1] as string;
}

/** The three keys' fingerprints and the keyrings that hold them, made once per test process. */
let template: { dir: string; keys: Keys } | undefined;

/**
 * Fills `signerHome` with the release, rogue and stranger keys (secret and public) and
 * `verifierHome` with the public release and rogue keys (the bot's keyring: not the stranger's).
 * Generating them (ten gpg runs) took a large share of every fixture; they are generated once per
 * test process into a template and each fixture gets its own copy of the keyrings (real gpg homes,
 * changed by nothing the template shares). The template's agents are stopped before any copy, so
 * no copy holds a socket of theirs.
 */
export function keyrings(base: Record<string, string>, signerHome: string, verifierHome: string): Keys {
  if (!template) {
    const dir = mkdtempSync(join(tmpdir(), 'slw-upd-keys-'));
    const [gs, gv] = [join(dir, 'gs'), join(dir, 'gv')];
    for (const d of [gs, gv]) mkdirSync(d, { mode: 0o700 });
    const signer = { ...base, GNUPGHOME: gs };
    const keys = {
      release: genKey(signer, 'release'),
      rogue: genKey(signer, 'rogue'),
      stranger: genKey(signer, 'stranger'),
    };
    for (const fpr of [keys.release, keys.rogue]) {
      const pub = execFileSync('gpg', ['--export', '--armor', fpr], { env: signer });
      execFileSync('gpg', ['--batch', '--import'], {
        env: { ...base, GNUPGHOME: gv },
        input: pub,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
    }
    for (const home of [gs, gv]) stopAgent({ ...base, GNUPGHOME: home });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    template = { dir, keys };
  }
  // Only the keyrings: any socket or lock file an agent left is not copied.
  const keyFiles = notAgentFile;
  cpSync(join(template.dir, 'gs'), signerHome, { recursive: true, filter: keyFiles });
  cpSync(join(template.dir, 'gv'), verifierHome, { recursive: true, filter: keyFiles });
  for (const d of [signerHome, verifierHome]) chmodSync(d, 0o700);
  return { ...template.keys };
}

export function stopAgent(env: Record<string, string>): void {
  try {
    execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' });
  } catch {
    // no agent was started
  }
}
