import { type CommandContext, UserError } from './command.js';
import { parseExtraReports } from './extra-reports.js';
import { parseFlags } from './flags.js';
import { parseFormat } from './format-names.js';
import { colorEnv } from './terminal-style.js';

/** Flags shared by `check` and `guard`: which repository, which change, which output. */
export const checkFlagOptions = {
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  branch: { type: 'string' },
  label: { type: 'string', multiple: true },
  format: { type: 'string', short: 'f' },
  rule: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  report: { type: 'string', multiple: true },
  tree: { type: 'boolean' },
  'audit-anchor': { type: 'string' },
  'allow-unpinned': { type: 'boolean' },
  'allow-file-bases': { type: 'boolean' },
  color: { type: 'string' },
} as const;

/**
 * `--allow-unpinned`: an `extends:` base named by a tag or branch is fetched instead of refused.
 * The policy loaders read it from the process environment (`SLIPWAY_ALLOW_UNPINNED=1`, the same
 * switch for CI), since every command loads the policy the same way.
 */
export function applyExtendsFlags(values: {
  'allow-unpinned'?: boolean;
  'allow-file-bases'?: boolean;
}): void {
  if (values['allow-unpinned']) process.env.SLIPWAY_ALLOW_UNPINNED = '1';
  // `--allow-file-bases`: a `git+file://` base is read (refused by default: a policy under review
  // must not make CI read another repository on the runner; read-base.ts).
  if (values['allow-file-bases']) process.env.SLIPWAY_ALLOW_FILE_BASES = '1';
}

/**
 * The environment the rules see: `--audit-anchor HASH` is `SLIPWAY_AUDIT_ANCHOR` (AUD006), so
 * that CI can pass the anchor either way, a flag winning over the variable.
 */
function checkEnv(
  env: Record<string, string | undefined>,
  values: { 'audit-anchor'?: string },
): Record<string, string | undefined> {
  const anchor = values['audit-anchor'];
  return anchor === undefined ? env : { ...env, SLIPWAY_AUDIT_ANCHOR: anchor };
}

/**
 * `--tree` checks the working tree without a change set; `--base`/`--head` name a change. Given
 * together, one would be silently ignored (a `--head` that names another commit would check the
 * working tree instead): one line, exit 2.
 */
export function assertTreeOrRange(
  values: { tree?: boolean; base?: string; head?: string },
  command: string,
): void {
  if (!values.tree) return;
  const range = values.base !== undefined ? '--base' : values.head !== undefined ? '--head' : undefined;
  if (range)
    throw new UserError(
      `--tree checks the working tree without a change, and ${range} names a change; pass one or the other (see \`slipway ${command} --help\`)`,
    );
}

type CheckFlagValues = ReturnType<typeof parseFlags<typeof checkFlagOptions>>['values'];

/**
 * What `check` and `guard` read first, in this order (each refusal names the command): the flags
 * (`checkFlagOptions`, or `check`'s own), the `extends:` switches, the format, the extra reports
 * and the colour of the text report; and the environment the rules see (checkEnv).
 */
export function readCheckFlags<O extends typeof checkFlagOptions>(
  command: string,
  ctx: CommandContext,
  options: O,
) {
  const { values } = parseFlags(command, ctx.argv, options, false);
  // O holds checkFlagOptions' flags, which TypeScript cannot see through the generic parse.
  const shared = values as CheckFlagValues;
  applyExtendsFlags(shared);
  return {
    values,
    format: parseFormat(shared.format, command),
    reports: parseExtraReports(shared.report, command),
    reportEnv: colorEnv(ctx.env, shared.color),
    ruleEnv: checkEnv(ctx.env, shared),
  };
}

/** `check`'s own flags: the shared ones plus `--fix` and the result cache's. */
export const checkCommandFlagOptions = {
  ...checkFlagOptions,
  fix: { type: 'boolean' },
  cache: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
} as const;

export const CHECK_FLAGS_USAGE = `  --repo DIR          repository to check (default: the current directory)
  --base REF          base of the change (default: the event's, else the merge-base of HEAD with
                      the production branch the base's policy names; on that branch, its upstream)
  --head REF          head of the change (default: HEAD); rules read REF's files, or the working
                      tree (uncommitted edits included) when REF is the checked-out commit
  --branch NAME       branch under review (default: $GITHUB_HEAD_REF, then git's current branch)
  --label NAME        a label on the change (repeatable; default: from $GITHUB_EVENT_PATH, else unknown)
  --format FMT        text (default), json, sarif, github or markdown (a CI job summary)
  --rule ID           only report this rule or family (repeatable: --rule MIG001 --rule DEP)
  --output FILE       write the report to FILE (atomically) instead of standard output
  --report FMT:FILE   also write the same findings as FMT to FILE (repeatable: one run for the
                      annotations, --report sarif:slipway.sarif and --report markdown:summary.md)
  --tree              check the tree as it is, without a change set (no git range needed)
  --audit-anchor HASH the hash of an audit entry kept outside the repository; the log must still
                      hold it (AUD006; default: $SLIPWAY_AUDIT_ANCHOR)
  --allow-unpinned    accept an \`extends:\` base named by a tag or branch (fetched every run;
                      default: refused, pin a commit SHA; or $SLIPWAY_ALLOW_UNPINNED=1)
  --allow-file-bases  read an \`extends:\` base named \`git+file://…\`, a repository on this machine
                      (default: refused, as a policy under review could name any; or
                      $SLIPWAY_ALLOW_FILE_BASES=1)
  --color WHEN        auto (default: a terminal gets colours and code frames; FORCE_COLOR and
                      NO_COLOR are honoured), always (also through a pipe), or never`;
