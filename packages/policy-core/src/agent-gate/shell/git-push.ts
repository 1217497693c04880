/**
 * `git push` read off its words, and what else in a command decides where a push that names no
 * branch goes (the gate asks git for the settings as they are; these change them first).
 */
import { type Arg, argText as text } from './context.js';
import type { ShellPush } from './effects.js';

/** Settings that decide where a push naming no branch goes: push.default, a branch's upstream, a remote's push refspecs. */
export const PUSH_SETTING =
  /^(push\.default|remote\.pushdefault|branch\.|remote\.[^=]*\.(push|pushurl|url|mirror)=)/i;

/** `git branch -u`, `--set-upstream-to`, `--track`; `checkout -b x -t`, `switch -c x --track`: a new upstream. */
export function upstreamSettings(sub: string, words: readonly (string | undefined)[]): string[] {
  if (!['branch', 'checkout', 'switch'].includes(sub)) return [];
  const sets = words.some(
    (w) =>
      w === undefined ||
      /^(--set-upstream-to|--track)(=|$)|^-t$/.test(w) ||
      (sub === 'branch' && /^-[a-zA-Z]*u[a-zA-Z]*$/.test(w)),
  );
  if (sets) return [`git ${sub} setting an upstream`];
  return madeFromStartPoint(sub, words) ? [`git ${sub} ${START_POINT_UPSTREAM}`] : [];
}

/**
 * What a branch made from a start point sets without being asked: its upstream, when the start
 * point is a remote-tracking branch (branch.autoSetupMerge, on by default; `always`: any).
 * shell-verdicts weighs it only where push.default sends a branch to its upstream.
 */
export const START_POINT_UPSTREAM =
  'making a branch from a start point (its upstream, by branch.autoSetupMerge)';

/** `checkout -b x <start>`, `switch -c x <start>`, `branch x <start>`, without --no-track. */
function madeFromStartPoint(sub: string, words: readonly (string | undefined)[]): boolean {
  if (words.includes('--no-track')) return false;
  if (sub === 'branch') {
    if (words.some((w) => w?.startsWith('-') && w !== '-f' && w !== '--force')) return false;
    return words.filter((w) => !w?.startsWith('-')).length >= 2;
  }
  const at = words.findIndex((w) => w !== undefined && /^-[bBcC]$/.test(w));
  const start = at === -1 ? undefined : words[at + 2];
  return start !== undefined && start !== '--' && !start.startsWith('-');
}

/** `git push [options] [remote [refspec…]]`. */
export function gitPush(args: Arg[]): ShellPush {
  const push: ShellPush = { refspecs: [], force: false, deletes: false, all: false };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = text(a);
    if (t === undefined) {
      push.dynamic = true;
      continue;
    }
    if (t === '--') {
      for (const rest of args.slice(i + 1)) operands.push(text(rest) ?? '');
      break;
    }
    if (t.startsWith('--')) {
      if (/^--(force|force-with-lease|force-if-includes)(=|$)/.test(t)) push.force = true;
      else if (t === '--delete') push.deletes = true;
      else if (t === '--all' || t === '--branches' || t === '--tags') push.all = true;
      else if (t === '--mirror') push.all = push.force = push.deletes = true;
      else if (t === '--dry-run') push.dryRun = true;
      else if (/^--(repo|receive-pack|exec|push-option)$/.test(t)) {
        if (t === '--repo') push.remote = text(args[i + 1]);
        i++;
      } else if (t.startsWith('--repo=')) push.remote = t.slice(7);
    } else if (t.startsWith('-') && t !== '-') {
      if (t.includes('f')) push.force = true;
      if (t.includes('d')) push.deletes = true;
      if (t.includes('n')) push.dryRun = true;
      if (t.endsWith('o')) i++;
    } else operands.push(t);
  }
  if (operands.length > 0 && push.remote === undefined) push.remote = operands.shift();
  push.refspecs = operands;
  for (const ref of operands) {
    if (ref.startsWith('+')) push.force = true;
    if (ref.startsWith(':')) push.deletes = true;
  }
  return push;
}
