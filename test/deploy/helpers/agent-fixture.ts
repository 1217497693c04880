import { DeployFixture, policyYaml } from './deploy-repo.js';
import { runCli } from './run-cli.js';

/** The policy's agent identities: GitHub bot accounts, as in the design's sketch. */
export const AGENTS_SECTION = `agents:
  identities: ["*[bot]@users.noreply.github.com"]
`;

/** A git identity that matches AGENTS_SECTION: what an agent's commits (and runs) carry. */
export const AGENT_IDENTITY = {
  GIT_AUTHOR_NAME: 'helper[bot]',
  GIT_AUTHOR_EMAIL: 'helper[bot]@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'helper[bot]',
  GIT_COMMITTER_EMAIL: 'helper[bot]@users.noreply.github.com',
};

/**
 * A deploy fixture whose policy names agent identities (committed, so the guard sees the same
 * policy on every shipped tree). `cli` runs as the human of DeployFixture; `asAgent` as the bot.
 */
export class AgentDeployFixture extends DeployFixture {
  constructor() {
    super();
    this.repo.write({ 'slipway.yaml': `${policyYaml()}${AGENTS_SECTION}` });
    this.repo.commit('agents in the policy');
  }

  asAgent(...args: string[]) {
    return this.cliWith({ ...AGENT_IDENTITY }, ...args);
  }

  /** `slipway …` with extra (or, as undefined, removed) environment variables. */
  cliWith(extra: Record<string, string | undefined>, ...args: string[]) {
    return runCli(args, { cwd: this.repo.dir, env: { ...this.env, ...extra } });
  }
}
