import type { Person } from '../../change-set.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { Actor } from '../record-schema.js';
import { agentAccount, matchAgent, namesAgent } from './agent-identity.js';
import { agentRuntime } from './agent-runtime.js';
import { DeployError } from './deploy-error.js';

/** Who git would put on a commit made here now, and the name to record for the person. */
export interface GitIdentity {
  author: Person;
  committer: Person;
  /**
   * The name to record for a human: the author name when one is set (GIT_AUTHOR_NAME,
   * author.name or user.name), else $USER; undefined when nothing names the person (git would
   * guess from the account, which says nothing about who approved).
   */
  name?: string;
}

export interface ActorFlags {
  dryRun: boolean;
  /** `--approved-by`, as given. */
  approvedBy?: string;
  /** The command takes approval flags (promote, rollback, unpin): it can ask for --approved-by. */
  takesApproval: boolean;
}

/** What a run records when nothing names the person and nothing will be recorded (or asked). */
const UNNAMED = 'an unnamed user';

/**
 * Who acts, as the record and the audit log will say.
 *
 * - An agent when the git identity a commit made now would carry (author or committer) matches
 *   `agents.identities` or a preset, or in CI when the workflow's actor (GITHUB_ACTOR) is an
 *   agent account: the rules call such changes an agent's, and a deploy command
 *   must agree. This wins over CI: agents run in CI runners too, and `CI=true` is a variable any
 *   process can set; it must not be a way out of what an agent may not do.
 * - An agent when a coding agent's shell runs the command (its mark in the environment:
 *   agent-runtime.ts), named after the agent and the person whose git identity it carries.
 * - CI when running in CI (named after the workflow's actor).
 * - Else a human, named as git would name their commit, else by $USER. With neither, no name
 *   is made up ("unknown" in a record says nothing about who approved): the person passes
 *   --approved-by NAME, which is then who acts. A dry run records nothing, and a command that
 *   takes no approval (watch, which acts under its own automaton name) cannot ask, so they go on.
 *
 * An --approved-by that names an agent is refused for everyone: approval is a human's.
 */
export function detectActor(
  doc: PolicyDocument,
  id: GitIdentity,
  env: Record<string, string | undefined>,
  flags: ActorFlags,
): Actor {
  const agent = matchAgent(doc, [id.author, id.committer]);
  const approvedBy = flags.approvedBy?.trim();
  if (approvedBy && namesAgent(doc, approvedBy, agent?.who)) {
    throw new DeployError(
      'usage',
      `--approved-by ${approvedBy} names an agent (agents.identities, agents.accounts or a preset): approval must come from a human; pass the name of the person who approved.`,
    );
  }
  if (agent) return { name: agent.who.name || agent.who.email, kind: 'agent' };
  const runtime = agentRuntime(env);
  if (runtime) return { name: id.name ? `${runtime.agent} as ${id.name}` : runtime.agent, kind: 'agent' };
  const ci = env.CI === 'true' || env.GITHUB_ACTIONS === 'true';
  // A workflow an agent account started (Copilot's, Dependabot's) runs as that agent.
  if (ci && agentAccount(doc, env.GITHUB_ACTOR)) return { name: `${env.GITHUB_ACTOR} via CI`, kind: 'agent' };
  if (ci) {
    return { name: env.GITHUB_ACTOR ? `${env.GITHUB_ACTOR} via CI` : 'ci', kind: 'ci' };
  }
  if (id.name) return { name: id.name, kind: 'human' };
  if (approvedBy) return { name: approvedBy, kind: 'human' };
  if (flags.dryRun || !flags.takesApproval) return { name: UNNAMED, kind: 'human' };
  throw new DeployError(
    'usage',
    'no name to record for who runs this: git has no user.name (nor GIT_AUTHOR_NAME) and $USER is not set; pass --approved-by NAME, or set `git config user.name`.',
  );
}
