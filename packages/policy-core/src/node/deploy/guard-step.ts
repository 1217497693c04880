import type {
  ChangeSet,
  Finding,
  PolicyDocument,
  ProductionDatabase,
  RepoView,
  Workspace,
} from '../../index.js';

/** What the guard has opened: the repository, the policy that governs it, this run's caches. */
export interface GuardContext {
  root: string;
  policy: PolicyDocument;
  repo: RepoView;
  workspace: Workspace;
}

export interface GuardStepInput {
  context: GuardContext;
  change?: ChangeSet;
  env: Record<string, string | undefined>;
  /** Progress lines for the person running the guard. */
  log(line: string): void;
}

export interface GuardStepResult {
  findings: Finding[];
  /**
   * What the step could not look at, one password-free line each ("dev: cannot connect to
   * 127.0.0.1:5432: connection refused"). The guard still reports every finding, then fails.
   */
  failures: string[];
}

/**
 * A check the guard runs after the policy rules: one that needs more than files (a database).
 * A port: the host that has the clients provides it (the CLI its database audit).
 */
export interface GuardStep {
  name: string;
  /** Whether the policy asks for this step at all. */
  applies(context: GuardContext, env: Record<string, string | undefined>): boolean;
  run(input: GuardStepInput): Promise<GuardStepResult>;
  /**
   * Before the rules judge a tree: what production's database says has run (its
   * alembic_version, a Django policy's django_migrations), so those migrations are history. Only a
   * step with a database client has it.
   */
  productionDatabase?(
    context: GuardContext,
    env: Record<string, string | undefined>,
  ): Promise<{ database?: ProductionDatabase; note?: string }>;
}
