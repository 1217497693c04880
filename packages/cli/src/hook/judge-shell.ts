import {
  emptyEffects,
  goesWhereSettingsSay,
  type HookInput,
  type Judged,
  type ShellEffects,
  type ShellPush,
  type ShellRefWrite,
  type ShellSituation,
  type ShellWrite,
  shellEffects,
  shellVerdicts,
  type ToolCall,
} from '@slipway/policy-core';
import { pushDestination, pushSettingsOf, shellWrites } from '@slipway/policy-core/node';
import { branchMoveVerdicts } from './branch-move-verdicts.js';
import { ALLOW, combine, decide, type Judgement, strictestOf } from './decide-writes.js';
import { judgeCommit } from './judge-commit.js';
import { MissingPolicyError } from '../policy-errors.js';
import type { GateContext } from './gate-context.js';
import { openGoverningGate } from './governing-gate.js';
import { pushesByRepository, refWritesByRepository, refWritesUnder } from './push-repos.js';
import { writesByRepository } from './shell-write-repos.js';
import { sessionProjects } from './session-projects.js';
import { repositoriesReached } from './unknowns-elsewhere.js';

/**
 * A shell command: what it writes, pushes or runs unknown, read off the parsed command; one that
 * names none of them is let through without opening the repository.
 */
export async function judgeShell(
  input: HookInput,
  call: Extract<ToolCall, { kind: 'shell' }>,
  where: string,
  env: Record<string, string | undefined>,
): Promise<Judgement> {
  // The agent's shell inherits this environment's CDPATH (a profile may set one the hook cannot see).
  const effects = await shellEffects(call.command, { cdpath: env.CDPATH });
  const what = call.command;
  const quiet =
    effects.unreadable === undefined &&
    effects.writes.length === 0 &&
    effects.pushes.length === 0 &&
    effects.refWrites.length === 0 &&
    effects.branchMoves.length === 0 &&
    effects.unknown.length === 0 &&
    !effects.skipsHooks;
  // Reads, tests, searches: nothing to judge, and no repository to open.
  if (quiet) return { decision: ALLOW, what };
  const { own, others, asks } = await writesByRepository(effects.writes, where);
  const unlisted = asks.map(
    (message): Judged => ({
      verdict: 'ask',
      reason: {
        ruleId: 'GATE',
        message,
        instead: 'name the files it writes, or ask a human to approve the command',
      },
    }),
  );
  const pushes = await pushesByRepository(effects.pushes, where);
  const refs = await refWritesByRepository(effects.refWrites, where);
  // Each other repository a write lands in, or a push or ref write runs in, judges its own (its
  // policy, its files, its branches).
  const groups = new Map<string, RepositoryGroup>();
  const groupOf = (root: string, dir: string) => {
    const group = groups.get(root) ?? { dir, writes: [], pushes: [], refWrites: [] };
    groups.set(root, group);
    return group;
  };
  for (const g of others) groupOf(g.root, g.dir).writes.push(...g.writes);
  for (const g of pushes.others) groupOf(g.root, g.dir).pushes.push(...g.items);
  for (const g of refs.others) groupOf(g.root, g.dir).refWrites.push(...g.items);
  const elsewhere: Judgement[] = [];
  for (const [root, group] of groups) {
    const gate = await openGoverningGate(group.dir, env).catch((err: unknown) => {
      if (!(err instanceof MissingPolicyError)) throw err;
      return undefined;
    });
    if (gate === undefined) continue;
    // A repository without a policy of its own is governed by an enclosing one: its branch is
    // not the one checked out where the push runs.
    const own = gate.root === root;
    const at = await situation(gate, group.pushes, own);
    const sent = [
      ...pushVerdicts(effects.pushSettings, group.pushes, at),
      ...shellVerdicts({ ...emptyEffects(), refWrites: refWritesUnder(group.refWrites, own) }, at),
    ];
    elsewhere.push(await judgeWrites(gate, input, group.writes, where, env, what, sent));
  }
  // Asked wherever the command runs: the repositories it may reach have policies.
  if (unlisted.length > 0) elsewhere.push({ decision: combine(unlisted, ALLOW), what });
  const session = await openGoverningGate(where, env).catch(async (err: unknown) => {
    if (!(err instanceof MissingPolicyError)) throw err;
    // The command runs where no policy governs: its parts Slipway cannot follow are asked by the
    // governed repositories they run in or name.
    elsewhere.push(...(await unknownsElsewhere(effects, where, env, what, sessionProjects(input, env))));
    // It writes into a repository that has a policy, or may: judged there.
    if (elsewhere.length > 0) return undefined;
    throw err;
  });
  if (session === undefined) return strictestOf(elsewhere);
  const gate = session;
  const currentBranch = gate.committed?.branch;
  const verdicts = [
    ...shellVerdicts(
      { ...effects, pushes: pushes.own, refWrites: refs.own },
      await situation(gate, pushes.own, true),
    ),
    ...pushVerdicts(effects.pushSettings, pushes.unread, await situation(gate, [], false)),
  ];
  const resolved = writesIn(gate, own, where);
  const decision = await decide(gate, input, resolved.writes, env);
  // A commit is judged by what it records too: the index, where it differs from the disk.
  const commit = effects.commits[0];
  const recorded = commit === undefined ? decision : await judgeCommit(gate, input, commit, decision, env);
  const moves = branchMoveVerdicts(effects, gate.root, currentBranch);
  const here = { decision: combine([...verdicts, ...moves, ...resolved.judged], recorded), gate, what };
  return strictestOf([here, ...elsewhere]);
}

/**
 * The unknown parts of a command run from a folder no policy governs, asked by each governed
 * repository they run in or name (unknowns-elsewhere.ts) and by the session's own projects
 * (session-projects.ts); none where they reach none.
 */
async function unknownsElsewhere(
  effects: ShellEffects,
  where: string,
  env: Record<string, string | undefined>,
  what: string,
  projects: readonly string[],
): Promise<Judgement[]> {
  if (effects.unknown.length === 0 && !effects.refWrites.some((w) => w.ref === undefined)) return [];
  const out: Judgement[] = [];
  const reached = await repositoriesReached(effects.unknown, effects.refWrites, where, what, projects);
  for (const dir of reached.values()) {
    const gate = await openGoverningGate(dir, env).catch((err: unknown) => {
      if (!(err instanceof MissingPolicyError)) throw err;
      return undefined;
    });
    if (gate === undefined) continue;
    const parts = {
      ...emptyEffects(),
      unknown: [...effects.unknown],
      refWrites: effects.refWrites.filter((w) => w.ref === undefined),
    };
    const at = await situation(gate, [], false);
    out.push({ decision: combine(shellVerdicts(parts, at), ALLOW), gate, what });
  }
  return out;
}

/** What one other repository judges of a shell command. */
interface RepositoryGroup {
  dir: string;
  writes: ShellWrite[];
  pushes: ShellPush[];
  refWrites: ShellRefWrite[];
}

/**
 * What a push is judged against in `gate`'s repository: its production branch, the branch checked
 * out (when `ownBranch`: the gate's repository is the one the push runs in), and where git's
 * settings send a push naming no branch, asked of git only for such a push.
 */
async function situation(
  gate: GateContext,
  pushes: readonly ShellPush[],
  ownBranch: boolean,
): Promise<ShellSituation> {
  const productionBranch = gate.policy.policy.production_branch;
  const currentBranch = ownBranch ? gate.committed?.branch : undefined;
  // A refspec naming only a branch (`git push origin auto/x`) goes where git's settings map it;
  // a branch made in the command from a start point gets an upstream (push.default decides).
  if (!pushes.some((p) => !p.dryRun)) return { productionBranch, currentBranch };
  const pushMapping = await pushSettingsOf(gate.root);
  if (currentBranch === undefined || !pushes.some(goesWhereSettingsSay))
    return { productionBranch, currentBranch, pushMapping };
  return {
    productionBranch,
    currentBranch,
    pushDestination: await pushDestination(gate.root, currentBranch, pushMapping.pushDefault),
    pushMapping,
  };
}

/** The verdicts on pushes alone (with the settings the command changes before them). */
function pushVerdicts(pushSettings: readonly string[], pushes: readonly ShellPush[], at: ShellSituation) {
  if (pushes.length === 0) return [];
  return shellVerdicts({ ...emptyEffects(), pushes: [...pushes], pushSettings: [...pushSettings] }, at);
}

/** Writes of the command judged by one repository's gate, with its verdicts on the pushes run there. */
async function judgeWrites(
  gate: GateContext,
  input: HookInput,
  writes: readonly ShellWrite[],
  where: string,
  env: Record<string, string | undefined>,
  what: string,
  sent: readonly Judged[],
): Promise<Judgement> {
  const resolved = writesIn(gate, writes, where);
  const decision = writes.length === 0 ? ALLOW : await decide(gate, input, resolved.writes, env);
  return { decision: combine([...sent, ...resolved.judged], decision), gate, what };
}

/** The command's writes as the gate of `gate`'s repository resolves them (shellWrites). */
function writesIn(gate: GateContext, writes: readonly ShellWrite[], where: string) {
  return shellWrites(
    writes,
    gate.root,
    where,
    () => gate.repo.listFiles(),
    (rel) => gate.repo.readFile(rel),
  );
}
