import { isAbsolute, join } from 'node:path';
import type { SignatureFact, UpdateConfig } from '@slipway/policy-core';
import type { Target } from './discover.js';
import { type GitRunner, git } from './git.js';

/**
 * Verifies the target's signature with `git verify-tag --raw` (or `verify-commit`). For GPG it
 * reads gpg's machine-readable status lines: only a VALIDSIG line gives the signer's fingerprint,
 * which the decision compares with allowed_signers (keyring trust levels are not consulted: the
 * fingerprint list is the trust decision). SSH signatures are checked by ssh-keygen against
 * allowed_signers_file, which is itself the list of trusted keys.
 */
export async function verifySignature(
  runner: GitRunner,
  config: UpdateConfig,
  target: Target,
): Promise<SignatureFact> {
  if (target.version !== null && !target.annotated) return { status: 'missing' };
  // A signature covers the tag object, whose own name says which release it is: a signed
  // v1.4.0-rc1 (or an old v1.0.0) pushed under refs/tags/v2.0.0 verifies, and must still be refused.
  if (target.version !== null && target.signedName !== target.version)
    return {
      status: 'bad',
      detail: `the signed tag object is named "${target.signedName ?? ''}", not "${target.version}": a relabelled tag`,
    };
  const ssh = config.allowed_signers_file;
  const sshArgs = ssh
    ? ['-c', `gpg.ssh.allowedSignersFile=${isAbsolute(ssh) ? ssh : join(runner.root, ssh)}`]
    : [];
  const args =
    target.version !== null ? ['verify-tag', '--raw', target.ref] : ['verify-commit', '--raw', target.commit];
  const r = await git(runner, [...sshArgs, ...args]);
  const fact = parseSshStatus(r.stderr, r.code === 0) ?? parseGpgStatus(r.stderr, r.code === 0);
  // No status lines because git could not start the verifier: "not signed" would be a lie.
  const cannotRun = /^error: cannot run (\S+?):/m.exec(r.stderr);
  if (fact.status === 'missing' && cannotRun)
    return { status: 'unknown-key', detail: `git cannot run ${cannotRun[1]} to check it; install it` };
  return fact;
}

/** ssh-keygen's words as git relays them; undefined when the signature is not an SSH one. */
export function parseSshStatus(stderr: string, exitedOk: boolean): SignatureFact | undefined {
  if (/gpg\.ssh\.allowedSignersFile needs to be configured/.test(stderr))
    return { status: 'unknown-key', detail: 'an SSH signature, but allowed_signers_file is not set' };
  const good = /^Good "git" signature(?: for (\S+))? with \S+ key (SHA256:\S+)/m.exec(stderr);
  if (good) {
    const [, principal, key] = good as unknown as [string, string | undefined, string];
    if (principal && exitedOk) return { status: 'good', fingerprints: [key], sshPrincipal: principal };
    return { status: 'good', fingerprints: [key] };
  }
  if (
    /^(Signature verification failed|Could not verify signature)/m.test(stderr) &&
    !/\[GNUPG:\]/.test(stderr)
  )
    return { status: 'bad', detail: 'SSH signature verification failed' };
  return undefined;
}

export function parseGpgStatus(stderr: string, exitedOk: boolean): SignatureFact {
  const status = stderr
    .split('\n')
    .filter((l) => l.startsWith('[GNUPG:] '))
    .map((l) => l.slice(9).split(' '));
  const has = (kw: string) => status.find((s) => s[0] === kw);
  const bad = has('BADSIG') ?? has('REVKEYSIG') ?? has('EXPKEYSIG') ?? has('EXPSIG');
  if (bad) return { status: 'bad', detail: bad.slice(0, 2).join(' ') };
  const valid = has('VALIDSIG');
  if (valid && exitedOk) {
    // VALIDSIG <signing-key-fpr> ... <primary-key-fpr>: either may be listed as allowed.
    const fingerprints = [valid[1], valid[10]].filter(
      (f): f is string => !!f && /^[0-9A-F]{32,64}$/i.test(f),
    );
    return { status: 'good', fingerprints: [...new Set(fingerprints.map((f) => f.toUpperCase()))] };
  }
  const err = has('ERRSIG');
  if (err || has('NO_PUBKEY'))
    return { status: 'unknown-key', detail: `key ${err?.[1] ?? has('NO_PUBKEY')?.[1]} not in the keyring` };
  if (status.length === 0) return { status: 'missing' };
  return { status: 'bad', detail: status.map((s) => s[0]).join(', ') };
}
