import { isUtf8 } from 'node:buffer';
import {
  type AgentSignal,
  type Commit,
  type CommitFacts,
  commitAgentJudge,
  DeployError,
  type PolicyDocument,
} from '../../index.js';
import { decodePath } from '../git/path-bytes.js';
import { GitError, runGit } from '../git/run-git.js';

/** Fields of one commit in the log below: SHA, parents, author time, author, committer, body. */
const FORMAT = '--format=%H%x00%P%x00%at%x00%an%x00%ae%x00%cn%x00%ce%x00%b%x00';
const FIELDS = 8;
const AUTHOR = 3;
const COMMITTER_EMAIL = 6;
const BODY = 7;

/**
 * Every commit reachable from `shas` and from none of `excluded` (`^sha`, commits git listed
 * before), in one `git log` (SHAs on stdin, so a long history of deploys fits; one this clone
 * lacks is skipped, and the core reports it).
 */
export async function commitGraph(
  root: string,
  policy: PolicyDocument,
  shas: string[],
  excluded: string[] = [],
): Promise<Map<string, CommitFacts>> {
  if (shas.length === 0) return new Map();
  let stdout: Buffer;
  try {
    const r = await runGit(
      root,
      ['log', '-z', FORMAT, '--no-color', '--no-show-signature', '--ignore-missing', '--stdin'],
      // Through files, not pipes: git runs to its end while this process verifies the chain.
      { input: `${[...shas, ...excluded].join('\n')}\n`, unpiped: true },
    );
    stdout = r.stdout;
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    throw new DeployError('git', `git could not list the deployed commits: ${err.message}`, {
      hint: 'run slipway metrics inside the repository whose audit log it reads',
    });
  }
  return graphOfLog(stdout, commitAgentJudge(policy));
}

/**
 * The graph of `git log -z` output in `FORMAT`, read from its bytes: the fields as a split at
 * every NUL gives them (`splitZ`; a commit's empty separator field skipped), without the eight
 * strings a commit that split made (200,000 on a 25,000-commit history). Who wrote a commit is
 * judged from its author and committer (compared as bytes with the commit before's: a history
 * has a few dozen people, mostly in runs) and, only when its body can hold a credit trailer
 * (it has a `-by`), its body; the same judgement as `judge` on the whole commit.
 */
export function graphOfLog(
  out: Buffer,
  judge: (commit: Commit) => AgentSignal | undefined,
): Map<string, CommitFacts> {
  const graph = new Map<string, CommitFacts>();
  if (out.length === 0) return graph;
  const end = out[out.length - 1] === 0 ? out.length - 1 : out.length;
  const utf8 = isUtf8(out);
  const text = (from: number, to: number) =>
    utf8 ? out.toString('utf8', from, to) : decodePath(out.subarray(from, to));
  const starts = new Int32Array(FIELDS);
  const ends = new Int32Array(FIELDS);
  let people:
    | { at: number; to: number; author: Commit['author']; committer: Commit['committer']; agent?: string }
    | undefined;
  /**
   * The last body judged whole, its people no agent: its credit (a trailer's agent) is that
   * body's alone, whoever the people, since people who are no agent are passed over.
   */
  let credited: { at: number; to: number; agent?: string } | undefined;
  let pos = 0;
  let last = false;
  for (;;) {
    let f = 0;
    for (; f < FIELDS && !last; f++) {
      let nul = out.indexOf(0, pos);
      if (nul === -1 || nul >= end) {
        nul = end;
        last = true;
      }
      starts[f] = pos;
      ends[f] = nul;
      pos = nul + 1;
    }
    // Fewer than a commit's fields left: git's output ends.
    if (f < FIELDS) break;
    const at = starts[AUTHOR] as number;
    const to = ends[COMMITTER_EMAIL] as number;
    if (
      people === undefined ||
      to - at !== people.to - people.at ||
      out.compare(out, people.at, people.to, at, to) !== 0
    ) {
      const person = (k: number) => ({
        name: text(starts[k] as number, ends[k] as number),
        email: text(starts[k + 1] as number, ends[k + 1] as number),
      });
      const author = person(AUTHOR);
      const committer = person(AUTHOR + 2);
      const signal = judge({
        sha: '',
        parents: [],
        author,
        committer,
        subject: '',
        body: '',
        firstParent: false,
      });
      people = { at, to, author, committer, ...(signal ? { agent: agentName(signal) } : {}) };
    }
    const sha = text(starts[0] as number, ends[0] as number);
    const parents = text(starts[1] as number, ends[1] as number);
    const parentShas = parents ? parents.split(' ') : [];
    const facts: CommitFacts = {
      parents: parentShas,
      time: Number(text(starts[2] as number, ends[2] as number)) * 1000,
    };
    let agent = people.agent;
    const bodyAt = starts[BODY] as number;
    const bodyTo = ends[BODY] as number;
    if (agent === undefined && mentionsBy(out, bodyAt, bodyTo)) {
      if (
        credited !== undefined &&
        bodyTo - bodyAt === credited.to - credited.at &&
        out.compare(out, credited.at, credited.to, bodyAt, bodyTo) === 0
      ) {
        // The same body as the last one judged (a tool's trailer, alone): the same credit.
        agent = credited.agent;
      } else {
        const body = text(bodyAt, bodyTo);
        const { author, committer } = people;
        const signal = judge({
          sha,
          parents: parentShas,
          author,
          committer,
          subject: '',
          body: body.endsWith('\n') ? body.replace(/\n+$/, '') : body,
          firstParent: false,
        });
        if (signal) agent = agentName(signal);
        credited = { at: bodyAt, to: bodyTo, ...(agent !== undefined ? { agent } : {}) };
      }
    }
    if (agent !== undefined) facts.agent = agent;
    graph.set(sha, facts);
    if (last) break;
    // The empty field between two commits (-z).
    if (pos < end && out[pos] === 0) pos++;
  }
  return graph;
}

/** Whether `out[from, to)` holds `-by` in any case: a body without it names no credit trailer. */
function mentionsBy(out: Buffer, from: number, to: number): boolean {
  for (let k = out.indexOf(0x2d /* - */, from); k !== -1 && k + 2 < to; k = out.indexOf(0x2d, k + 1))
    if (((out[k + 1] as number) | 0x20) === 0x62 /* b */ && ((out[k + 2] as number) | 0x20) === 0x79 /* y */)
      return true;
  return false;
}

/** The agent by the name people know it: its preset ("claude"), else the identity that matched. */
function agentName(signal: AgentSignal): string {
  if ('preset' in signal.origin) return signal.origin.preset;
  // "Co-authored-by: Bot <bot@x>" or "Bot <bot@x>": the name alone.
  return signal.seen.replace(/^[A-Za-z-]+:\s*/, '').replace(/\s*<[^>]*>\s*$/, '') || signal.seen;
}
