import * as z from 'zod/mini';
import { defaulted, nonEmpty, optional } from '../zod-kit.js';

/**
 * `config/update.toml`, table `[update]`: the operator's keys plus what the update flow needs.
 * Strict, so that a misspelt key is reported at that key instead of being silently ignored.
 */

/** A branch name git accepts and that cannot smuggle an option or a revision range. */
export const channelName = z
  .string()
  .check(
    z.regex(
      /^(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9][A-Za-z0-9._/-]*(?<![./])(?<!\.lock)$/,
      'a channel is a branch name such as "main" or "stable" (letters, digits, ".", "_", "-", "/")',
    ),
  );

/** A command as an argv list: never a shell string. */
const command = z.array(nonEmpty()).check(z.minLength(1, 'a command needs at least the program name'));

/** An OpenPGP v4 (40 hex) or v5 (64 hex) fingerprint; spaces allowed, compared upper-case. */
export const gpgFingerprint = z.pipe(
  z
    .string()
    .check(
      z.regex(
        /^(?:[0-9A-Fa-f]{4} ?){10}$|^(?:[0-9A-Fa-f]{4} ?){16}$/,
        'a signer is a full GPG fingerprint (40 hex digits), e.g. "3AA5 C343 71567BD2 ..."; short key ids are spoofable',
      ),
    ),
  z.transform((s: string) => s.replace(/ /g, '').toUpperCase()),
);

/**
 * A directory inside the bot's checkout: relative, no "..", so backups cannot escape it.
 * Normalised (`./backups/` is `backups`) because the updater compares these names with the paths
 * it archives and wipes on a rollback: a spelling it did not recognise would be wiped with the code.
 */
const relativeDir = z
  .pipe(
    nonEmpty().check(
      z.refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), {
        message: 'use a path relative to the repository root, without ".."',
      }),
    ),
    z.transform((p: string) =>
      p
        .split('/')
        .filter((part) => part !== '' && part !== '.')
        .join('/'),
    ),
  )
  .check(
    z.refine((p) => p !== '', { message: 'name a directory inside the repository, not the repository root' }),
    z.refine((p) => p.split('/')[0] !== '.git', { message: 'use a directory outside .git' }),
  );

const minutes = (max: number) =>
  z.number().check(z.int('use a whole number of minutes'), z.gte(1), z.lte(max));
const intBetween = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const directoryName = (message: string) => z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, message));

export const updateConfigSchema = z
  .strictObject({
    channel: defaulted(channelName, 'main', 'Branch the releases come from ("main", "stable", ...).'),
    track: defaulted(
      z.enum(['tags', 'branch']),
      'tags',
      '"tags": the newest vX.Y.Z tag reachable from the channel; "branch": fast-forward to its head.',
    ),
    enabled: defaulted(z.boolean(), true, 'Whether updates run at all; BOT_AUTO_UPDATE overrides.'),
    interval_minutes: defaulted(
      minutes(7 * 24 * 60),
      60,
      'Minutes between update checks (the systemd timer); BOT_UPDATE_INTERVAL overrides.',
    ),
    auto_restart: defaulted(
      z.boolean(),
      true,
      'Run restart_command after applying; false leaves the update as "restart pending".',
    ),
    require_signed_tags: defaulted(
      z.boolean(),
      true,
      'Refuse tags (or commits) without a good signature from allowed_signers.',
    ),
    max_failures_per_day: defaulted(
      intBetween(1, 100),
      2,
      'Failures per UTC day that open the circuit; it stays open until `slipway update reset`.',
    ),
    max_attempts_per_day: defaulted(
      intBetween(1, 100),
      3,
      'Update attempts (a backup was taken) per UTC day; the seed\'s "max 3/day".',
    ),
    remote: defaulted(
      directoryName('a git remote name such as "origin"'),
      'origin',
      'The git remote releases are fetched from (a read-only deploy key, per the seed).',
    ),
    profile: defaulted(
      directoryName('a profile is a directory name (letters, digits, ".", "_", "-")'),
      'default',
      'Profile used when --profile is not given: state lives in <persistence_dir>/<profile>/meta.',
    ),
    health_url: optional(
      z.url({ protocol: /^https?$/, error: 'health_url must be an http:// or https:// URL' }),
      'Polled after the restart until it answers 2xx.',
    ),
    health_timeout_seconds: defaulted(
      z.number().check(z.positive(), z.lte(3600)),
      60,
      'How long health_url may take to turn 2xx after the restart before the update is rolled back.',
    ),
    hook_timeout_seconds: defaulted(
      z.number().check(z.positive(), z.lte(24 * 3600)),
      600,
      'Time limit of each command (save, test, quiesce, restart, resume); past it the step fails.',
    ),
    save_command: optional(command, 'Forces a persistence save before the snapshot.'),
    test_command: optional(command, 'Compile/test hook run on the new code, e.g. python -m compileall.'),
    quiesce_command: optional(command, 'Pauses the trading loop so no state is half written.'),
    restart_command: optional(command, 'Restarts the service, e.g. systemctl restart aibot.service.'),
    resume_command: optional(command, 'Resumes the trading loop after the restart.'),
    allowed_signers: defaulted(z.array(gpgFingerprint), [], 'GPG fingerprints whose signatures are trusted.'),
    allowed_signers_file: optional(
      nonEmpty().check(z.refine((p) => !p.split('/').includes('..'), { message: 'use a path without ".."' })),
      'An SSH allowed_signers file (ssh-keygen(1) format) for SSH-signed tags; relative paths start at the repository root.',
    ),
    persistence_dir: defaulted(
      relativeDir,
      'bot_persistence',
      "The bot's state, one directory per profile; backed up with the code, never wiped with it.",
    ),
    backup_dir: defaulted(
      relativeDir,
      'backups',
      'Where the pre-flight snapshots go: <backup_dir>/<timestamp>/.',
    ),
    keep_backups: defaulted(intBetween(1, 1000), 5, 'Backups kept after a successful update.'),
    min_save_age_minutes: optional(
      minutes(7 * 24 * 60),
      'The last persistence save must be at most this many minutes old.',
    ),
  })
  .check(
    z.superRefine((c, ctx) => {
      // A rollback restores the persistence directory and then the code from the backup: if one
      // held the other, restoring the first would delete the second.
      const [b, p] = [c.backup_dir, c.persistence_dir];
      if (b === p || b.startsWith(`${p}/`) || p.startsWith(`${b}/`))
        ctx.addIssue({
          code: 'custom',
          path: ['backup_dir'],
          message: `backup_dir "${b}" and persistence_dir "${p}" must be separate directories, neither inside the other`,
        });
    }),
  );

export type UpdateConfig = z.output<typeof updateConfigSchema>;
export type UpdateConfigInput = z.input<typeof updateConfigSchema>;

/** The whole file: one `[update]` table. */
export const updateFileSchema = z.strictObject({ update: updateConfigSchema });
