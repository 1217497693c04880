import type { HookInput, Judged, ProposedWrite } from '@slipway/policy-core';
import { resolve } from 'node:path';
import {
  callWrites,
  findRoot,
  linkedGitDirHolding,
  namesOf,
  RepoConfinement,
  readConfined,
  realOf,
  relativeInside,
  settingsWrite,
} from '@slipway/policy-core/node';
import type { EarlyGit } from '../early-git.js';
import { MissingPolicyError } from '../policy-errors.js';
import { ALLOW, combine, decide, type Judgement, strictestOf } from './decide-writes.js';
import type { GateContext } from './gate-context.js';
import { type FileCall, fileCallDirs, landingDir, openGoverningGate } from './governing-gate.js';
import { homeReading, othersHomeReason } from './home-expanded.js';

export type { Judgement };

/** A file an edit applies to is read up to this size; past it the edit's text is unknown. */
const MAX_EDITED_BYTES = 64 * 1024 * 1024;

/**
 * The gate's decision on one tool call: reads are let through unopened; a tool the adapter does
 * not know is refused (it may write, and nothing says what); a shell command that names no
 * write, push or unknown program is let through unopened; a write is judged by the engine
 * against the repository the call is made in.
 */
export async function judgeCall(
  input: HookInput,
  cwd: string,
  env: Record<string, string | undefined>,
  early?: EarlyGit,
  open: GateOpener = gateOpener(env, early),
): Promise<Judgement> {
  if (input.alternatives?.length) {
    const { alternatives, ...one } = input;
    const judgements: Judgement[] = [];
    for (const call of [one.call, ...alternatives])
      judgements.push(await judgeCall({ ...one, call }, cwd, env, early, open));
    return strictestOf(judgements);
  }
  const call = input.call;
  if (call.kind === 'read') return { decision: ALLOW, what: call.tool };
  if (call.kind === 'unknown')
    return {
      what: call.tool,
      decision: {
        verdict: 'deny',
        reasons: [
          {
            ruleId: 'GATE',
            message: `Slipway does not know the tool \`${call.tool}\` (${call.why}) and cannot tell what it would change`,
            instead: "use the agent's own file-editing tools, whose writes the policy can check",
          },
        ],
      },
    };
  const where = input.cwd ?? cwd;
  // The shell reader (a parser, the writers it knows, git's commands) loads only for a command:
  // a Write, the call an agent makes most, does not pay for it.
  if (call.kind === 'shell') return (await import('./judge-shell.js')).judgeShell(input, call, where, env);
  // A path that starts with `~` is judged as written and as the home file it may expand to.
  const home = homeReading(call, env);
  if (home.call === undefined && home.othersHomes.length === 0)
    return judgeFileCall(input, call, where, env, open);
  const judgements: Judgement[] = [];
  let ungoverned: unknown;
  for (const read of home.call ? [call, home.call] : [call]) {
    try {
      judgements.push(await judgeFileCall({ ...input, call: read }, read, where, env, open));
    } catch (err) {
      if (!(err instanceof MissingPolicyError)) throw err;
      ungoverned ??= err;
    }
  }
  if (home.othersHomes.length)
    judgements.push({
      decision: { verdict: 'ask', reasons: [othersHomeReason(call.tool, home.othersHomes)] },
      what: home.othersHomes.join(', '),
    });
  if (judgements.length === 0) throw ungoverned;
  return strictestOf(judgements);
}

/** Opens the gate governing a folder (openGoverningGate), each folder once in one hook call. */
type GateOpener = (dir: string) => Promise<GateContext>;

/**
 * Every reading of one call (Gemini's text and its unescaped one, a `~` path as written and as the
 * home file) is judged in the repository opened once: its listing, status and policy read once.
 */
function gateOpener(env: Record<string, string | undefined>, early?: EarlyGit): GateOpener {
  const opened = new Map<string, Promise<GateContext>>();
  return (dir) => {
    let gate = opened.get(dir);
    if (gate === undefined) {
      gate = openGoverningGate(dir, env, early);
      opened.set(dir, gate);
    }
    return gate;
  };
}

/** A file tool's call, its paths read as written: judged by each repository its files lie in. */
async function judgeFileCall(
  input: HookInput,
  call: FileCall,
  where: string,
  env: Record<string, string | undefined>,
  open: GateOpener,
): Promise<Judgement> {
  // Each written file's repository governs it (the nearest enclosing one with a policy); where
  // that has none, the repository the write reaches through links on the way. A patch's files
  // may lie in several: each judges those inside it, and the strictest verdict stands.
  const judgements: Judgement[] = [];
  let ungoverned: unknown;
  const dirs = fileCallDirs(call, where);
  // Each repository judges the whole call once (the call's files outside it are not its own).
  const roots = new Set<string>();
  const judgeOnce = async (gate: GateContext) => {
    if (roots.has(gate.root)) return;
    roots.add(gate.root);
    judgements.push(await judgeIn(gate, input, call, where, env));
  };
  for (const { dir, paths } of dirs) {
    if (dirs.length > 1) {
      const { root } = await findRoot(dir).catch(() => ({ root: dir }));
      if (roots.has(root)) continue;
    }
    const gate = await open(dir).catch((err: unknown) => {
      if (!(err instanceof MissingPolicyError)) throw err;
      ungoverned ??= err;
      return undefined;
    });
    if (gate !== undefined) {
      await judgeOnce(gate);
      continue;
    }
    // No policy governs the folder: each path's landing through links on the way is asked.
    const landings = new Set(paths.map((p) => landingDir(p, where, dir)).filter((d) => d !== undefined));
    // A file there with other names (a hard link made before the session) may be any
    // repository's file: the session's judges the call, and its gate refuses that write.
    if (paths.some((p) => namesOf(realOf(resolve(where, p))) > 1)) landings.add(where);
    // So may a file in the session's repository's git directory kept outside it (a worktree's,
    // a submodule's, a clone's made with --separate-git-dir): its hooks run at the next commit.
    if (await inLinkedGitDir(paths, where)) landings.add(where);
    for (const landing of landings) {
      const landed = await open(landing).catch((err: unknown) => {
        if (!(err instanceof MissingPolicyError)) throw err;
        return undefined;
      });
      if (landed !== undefined) await judgeOnce(landed);
    }
  }
  // git's and the agents' own settings outside every repository that judged the call: asked
  // whether or not a policy governs where they lie (a home folder is seldom a governed repository).
  const settings = settingsAsked(call.tool, dirs, where, [...roots]);
  if (settings) judgements.push(settings);
  if (judgements.length === 0) throw ungoverned;
  return strictestOf(judgements);
}

/** Whether a path lies in a git directory the `.git` file of the repository at `where` names. */
async function inLinkedGitDir(paths: readonly string[], where: string): Promise<boolean> {
  const root = await findRoot(where).then(
    (found) => found.root,
    () => undefined,
  );
  if (root === undefined) return false;
  const holding = linkedGitDirHolding(realOf(root));
  return paths.some((p) => holding(realOf(resolve(where, p))) !== undefined);
}

/** The question each written file that is git's or an agent's own settings, outside `roots`, puts to a person. */
function settingsAsked(
  tool: string,
  dirs: readonly { paths: readonly string[] }[],
  where: string,
  roots: readonly string[],
): Judgement | undefined {
  const judged: Judged[] = [];
  const paths: string[] = [];
  for (const path of dirs.flatMap((d) => d.paths)) {
    // Where the write lands, links followed: a repository's link to ~/.gitconfig writes that.
    const real = realOf(resolve(where, path));
    if (roots.some((root) => relativeInside(root, real) !== undefined)) continue;
    const asked = settingsWrite(tool, path, undefined, real);
    if (asked) {
      judged.push(asked);
      paths.push(path);
    }
  }
  return judged.length ? { decision: combine(judged, ALLOW), what: paths.join(', ') } : undefined;
}

/** A file tool's call judged by one repository's gate: the writes inside it. */
async function judgeIn(
  gate: GateContext,
  input: HookInput,
  call: FileCall,
  where: string,
  env: Record<string, string | undefined>,
): Promise<Judgement> {
  const box = new RepoConfinement(gate.root);
  const { writes, refusals } = callWrites(
    call,
    gate.root,
    where,
    (rel) => {
      const read = readConfined(box, rel, undefined, MAX_EDITED_BYTES);
      return read === undefined ? undefined : 'text' in read ? read.text : null;
    },
    () => [...gate.repo.listFiles(), ...gate.working.filter((f) => f.status === 'added').map((f) => f.path)],
  );
  const judged = refusals.map((reason): Judged => ({ reason, verdict: 'deny' }));
  return { decision: combine(judged, await decide(gate, input, writes, env)), gate, what: describe(writes) };
}

function describe(writes: readonly ProposedWrite[]): string {
  return writes.map((w) => w.path).join(', ');
}
