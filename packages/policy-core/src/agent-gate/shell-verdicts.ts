import { followsUpstream, mappedPushBranch, namesOnlyABranch, type PushSettings } from './push-mapping.js';
import type { ShellEffects, ShellPush, ShellRefWrite, ShellUnknown } from './shell/effects.js';
import { START_POINT_UPSTREAM } from './shell/git-push.js';
import type { GateReason, Verdict } from './tool-call.js';

/** A reason and the verdict it carries. */
export interface Judged {
  reason: GateReason;
  verdict: Exclude<Verdict, 'allow'>;
}

export interface ShellSituation {
  productionBranch: string;
  /** The branch checked out, when git says (a plain `git push` pushes it). */
  currentBranch: string | undefined;
  /** Where git would push it when the push names no branch, asked when a command does that. */
  pushDestination?: { branch?: string; matching: boolean };
  /** git's settings that send a refspec naming only a branch elsewhere, read when a push names one. */
  pushMapping?: PushSettings;
}

/**
 * What a shell command does besides writing files, judged: a command that cannot be read, a
 * push to the production branch (or every branch, or one Slipway cannot name), a command that
 * moves the production branch in this clone (or what was fetched of it: the base the gate judges
 * the agent's work against), a commit that skips the repository's hooks, and parts whose writes
 * cannot be known. Hiding what runs (`eval`,
 * a command word only the shell knows) is refused; a program Slipway does not know is put to
 * the human, who sees it at the agent's prompt (an agent without `ask` refuses it).
 */
export function shellVerdicts(effects: ShellEffects, at: ShellSituation): Judged[] {
  const out: Judged[] = [];
  if (effects.unreadable !== undefined)
    out.push({
      verdict: 'deny',
      reason: {
        ruleId: 'GATE',
        message: `Slipway cannot read this command (${effects.unreadable}), so it cannot tell what it would change`,
        instead: "run it in shorter, plainer steps, or write files with the agent's file-editing tools",
      },
    });
  const prod = at.productionBranch;
  const production = (message: string, instead: string): Judged => ({
    verdict: 'deny',
    reason: { ruleId: 'BR001', message, instead },
  });
  for (const why of effects.pushes.map((p) => pushProblem(p, at, effects.pushSettings)))
    if (why)
      out.push(production(why, `push the work to its own branch and open a pull request into ${prod}`));
  for (const why of effects.refWrites.map((w) => refProblem(w, at)))
    if (why)
      out.push(
        production(
          why,
          `leave ${prod} as it is: commit on a branch of your own (\`git switch -c <branch>\`) and open a pull request into ${prod}`,
        ),
      );
  if (effects.skipsHooks)
    out.push({
      verdict: 'deny',
      reason: {
        ruleId: 'GATE',
        message: "`--no-verify` skips the repository's git hooks, which run Slipway and the other checks",
        instead: 'run the command without --no-verify and fix what the hooks report',
      },
    });
  for (const u of effects.unknown) out.push(unknownPart(u));
  return out;
}

/**
 * A push judged by where git's settings send it (`ShellSituation.pushDestination`, asked of git
 * only for such a push): it names no branch, and is neither a dry run, nor every branch, nor
 * named only when the shell runs.
 */
export function goesWhereSettingsSay(push: ShellPush): boolean {
  return !push.dryRun && !push.dynamic && !push.all && push.refspecs.length === 0;
}

function pushProblem(push: ShellPush, at: ShellSituation, settings: readonly string[]): string | undefined {
  if (push.dryRun) return undefined;
  const prod = at.productionBranch;
  if (push.dynamic)
    return `\`git push\` names its remote or branches only when the shell runs, so it may push to ${prod}`;
  if (push.all) return `\`git push\` of every branch includes the production branch ${prod}`;
  // A branch made from a start point gets an upstream; it matters where push.default follows it.
  const weighed = settings.filter(
    (s) => !s.endsWith(START_POINT_UPSTREAM) || followsUpstream(at.pushMapping?.pushDefault),
  );
  if (goesWhereSettingsSay(push)) return branchlessPushProblem(at, weighed);
  for (const spec of push.refspecs) {
    const mapped = at.pushMapping && mappedPushBranch(at.pushMapping, push.remote, spec);
    if (mapped === prod)
      return `\`git push\` of \`${spec}\` updates the production branch ${prod}: git's settings send it there (push.default=upstream and the branch's upstream, or a push refspec of the remote)`;
    if (weighed.some(mayMapABranch) && namesOnlyABranch(spec))
      return `\`git push\` of \`${spec}\` names no destination, and this command first changes where such a push goes (${[...new Set(weighed)].join(', ')}), so it may push to ${prod}`;
    const dest = mapped ?? destination(spec, at.currentBranch);
    if (dest === undefined || dest === prod)
      return `\`git push\` to \`${spec}\` updates the production branch ${prod}`;
    // Pushed into this clone (`git push . x:refs/remotes/origin/main`): origin's copy of it.
    if (dest === `refs/remotes/origin/${prod}`)
      return `\`git push\` to \`${spec}\` moves origin's copy of the production branch ${prod} (the base this agent's work is judged against)`;
  }
  return undefined;
}

/**
 * Why a ref the command writes is the production branch's, as the gate reads it: the local branch,
 * or origin's copy of it (the base when the local one is missing or behind).
 */
function refProblem(write: ShellRefWrite, at: ShellSituation): string | undefined {
  const prod = at.productionBranch;
  const what = `\`${clip(write.what)}\``;
  const why = `the base this agent's work is judged against`;
  const { ref } = write;
  if (ref === undefined)
    return `${what} may move refs it does not name, the production branch ${prod} among them (${why})`;
  if (ref.startsWith('HEAD->'))
    return ref === `HEAD->refs/heads/${prod}`
      ? `${what} checks out the production branch ${prod} without a checkout, so the commits after it move it (${why})`
      : undefined;
  if (ref === 'HEAD')
    return at.currentBranch === prod
      ? `${what} moves the branch checked out, the production branch ${prod} (${why})`
      : undefined;
  if (ref.endsWith('/HEAD'))
    return `${what} moves the branch \`${ref}\` points at, which may be the production branch ${prod} (${why})`;
  const star = ref.indexOf('*');
  const hit = [`refs/heads/${prod}`, `refs/remotes/origin/${prod}`].find((guarded) =>
    star === -1
      ? guarded === ref
      : guarded.length >= ref.length - 1 &&
        guarded.startsWith(ref.slice(0, star)) &&
        guarded.endsWith(ref.slice(star + 1)),
  );
  return hit
    ? `${what} moves \`${hit}\`, the production branch ${prod} as this clone holds it (${why})`
    : undefined;
}

/**
 * A push naming no branch goes where git's settings say: the branch's upstream under
 * `push.default=upstream`, a remote's `push` refspec, every branch under `matching`. Settings
 * changed in the same command were not there when git was asked, so that push is not judged.
 */
function branchlessPushProblem(at: ShellSituation, settings: readonly string[]): string | undefined {
  const prod = at.productionBranch;
  if (settings.length > 0)
    return `\`git push\` names no branch, and this command first changes where such a push goes (${[...new Set(settings)].join(', ')}), so it may push to ${prod}`;
  if (at.pushDestination?.matching)
    return `\`git push\` names no branch and push.default is \`matching\`: every branch the remote also has is pushed, the production branch ${prod} among them`;
  const dest = at.pushDestination?.branch;
  if (dest === prod && at.currentBranch !== prod)
    return `\`git push\` names no branch, and git's settings send the current branch ${at.currentBranch ?? ''} to ${prod} (its upstream, or a push refspec)`;
  return at.currentBranch === undefined || at.currentBranch === prod
    ? `\`git push\` pushes the current branch${at.currentBranch ? `, ${prod}` : ', which git did not name'}, to production's branch`
    : undefined;
}

/** A setting the command changes that may send a branch named alone elsewhere: not push.default set to a value that never does. */
function mayMapABranch(setting: string): boolean {
  return !/push\.default[= ](current|simple|nothing|matching)$/i.test(setting);
}

/** The branch a refspec updates (`src:dst`, `+src`, `refs/heads/x`, `HEAD`); undefined when it cannot be told. */
function destination(spec: string, current: string | undefined): string | undefined {
  const plain = spec.replace(/^\+/, '');
  const colon = plain.lastIndexOf(':');
  let dest = colon === -1 ? plain : plain.slice(colon + 1);
  if (dest === '' && colon !== -1) dest = plain.slice(0, colon);
  if (dest === 'HEAD' || dest === '@') return current;
  // A pattern (`refs/heads/x/*:refs/heads/*`) may name any branch.
  if (dest.includes('*')) return undefined;
  // git completes `heads/main` to refs/heads/main as it does a full name.
  return dest.replace(/^(refs\/)?heads\//, '');
}

function unknownPart(u: ShellUnknown): Judged {
  const hides = u.kind === 'dynamic' || (u.kind === 'runs-code' && /^\s*eval\b/.test(u.what));
  return {
    verdict: hides ? 'deny' : 'ask',
    reason: {
      ruleId: 'GATE',
      message: `Slipway cannot tell what \`${clip(u.what)}\` would write (${u.why}); it may change protected files`,
      instead: hides
        ? 'write the command out plainly, with its programs and files named, so that it can be checked'
        : "ask a human to approve this command, or make file changes with the agent's file-editing tools",
    },
  };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
