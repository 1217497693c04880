import type { AgentSignal } from '../../agents/change-author.js';
import { baselineGrowth } from '../../baseline/baseline-growth.js';
import type { ChangeSet } from '../../change-set.js';
import type { Finding, RelatedLocation } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import {
  agentChangeWords,
  alteredPaths,
  describeChange,
  findingLocation,
  labelNote,
  labelState,
  matchForm,
  type PathRun,
  relatedPolicy,
} from './facts/path-policy.js';
import type { PathPolicy } from '../../policy/path-policy.js';
import { pathExample } from './facts/examples.js';
import { ciLocalActions, type LocalAction } from '../../policy/ci-local-actions.js';

export const policySurfaceChanged: Rule<PathRun> = {
  id: 'PATH004',
  name: 'policy-surface-changed',
  family: 'PATH',
  // Stryker disable next-line StringLiteral: read by no one: the PATH family's one run judges every rule (one-run-family.ts filters on `facts` only for a family that names its own)
  facts: 'path-change',
  defaultSeverity: 'error',
  // The change must not approve itself with a comment in the files it changes.
  suppressible: false,
  title: 'policy surface changed (policy file, CI workflow, agent instructions)',
  docs: {
    what:
      'A changed file is part of the policy surface: the policy file (`slipway.yaml`, `.yml`, `.toml`, ' +
      'at any depth: a nested one governs its folder), the CI that runs Slipway ' +
      '(`.github/workflows/`, `.github/actions/`, `action.yml`, `.gitlab-ci.yml`, `.circleci/`, ' +
      '`.buildkite/`, `azure-pipelines.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, and every local ' +
      'action a workflow on the base runs with `uses: ./path`, followed through composite actions), the ' +
      'code owners file, a `.gitattributes` at any depth (it changes what a diff shows and counts), or ' +
      'what agents read and how they are hooked, at any depth: `AGENTS.md`, `AGENTS.override.md`, ' +
      '`CLAUDE.md`, `CLAUDE.local.md`, `GEMINI.md`, `.claude/`, `.codex/`, `.cursor/` (rules, hooks, MCP ' +
      'servers), `.gemini/`, `.github/hooks/`, `.github/copilot-instructions.md`, `.github/instructions/`, ' +
      '`.mcp.json`, `.vscode/mcp.json`, `.vscode/settings.json` (which hook files VS Code runs, whether any), `.github/agents/`, `.github/prompts/`, `.github/skills/`, `.github/chatmodes/`, `.cursorrules`, `.windsurfrules`, `.windsurf/`, `.clinerules`, `.rules` (Zed, at the top), `AGENT.md`, `.junie/`, ' +
      '`.agents/` (skills), `.kiro/`, `.roo/`, `.roomodes`, `.roorules*`, `.amazonq/`, `.continue/`, `opencode.json(c)`, ' +
      '`.opencode/`, `.aider.conf.yml` (the commands aider runs after each edit) ' +
      "(inside an agent's allowed folders too); code a person's machine runs on its own: " +
      '`.pre-commit-config.yaml`, `.husky/`, `lefthook.yml` (git runs them at the next commit, ' +
      "Slipway's own pre-commit hook among them), `.vscode/tasks.json` (a task may run when the folder " +
      'opens), `.devcontainer/`; where the migration tools find their migrations, at any depth: ' +
      '`alembic.ini`, `knexfile.*`, `drizzle.config.*`, `.sequelizerc`, `prisma.config.*`, ' +
      '`migration_lock.toml` (a tool pointed at another folder runs migrations no rule reads); ' +
      'or the findings baseline (`.slipway/baseline.json`, or ' +
      "the file the policy's `baseline:` names) when the change adds entries to it (dropping entries is " +
      'always fine: the check only gets stricter). Names are matched as a Mac or Windows file system ' +
      'opens them: `claude.md` is `CLAUDE.md`, a decomposed `é` the composed one. On a human branch it ' +
      'needs `protected.label`; on an agent branch it is never allowed. Where labels are unknown (the ' +
      'editor, a push) a human branch gets a warning naming the label.',
    why:
      'These files decide how every change is judged: a workflow that stops running the check, an ' +
      'instruction file that tells the agent to add suppressions, a policy that unprotects a path. ' +
      'A change to them is a change to the gate itself, so a human approves it, and an agent never ' +
      'rewrites its own limits.',
    fix:
      'Have a human review the change and add the label (human branches), or make the change on a ' +
      'human branch (agent branches), or revert it. `policy_surface.extra` adds patterns (a deploy ' +
      'script CI runs); `policy_surface.opt_out` takes default entries out (`AGENTS.md` when agents ' +
      'may edit it). An opt-out is a policy change: it applies once it is on the base, and the policy ' +
      'file itself cannot be opted out.',
    suppress:
      'PATH findings cannot be suppressed with a comment in the changed file. Every finding: ' +
      '`rules: { PATH004: off }` in the policy on the base.',
    examples: [
      pathExample({
        verdict: 'flagged',
        file: '.github/workflows/ci.yml',
        text:
          'on: pull_request\n' +
          'jobs:\n' +
          '  test:\n' +
          '    runs-on: ubuntu-latest\n' +
          '    steps:\n' +
          '      - uses: actions/checkout@v4\n' +
          '      - run: make test   # the `slipway check` step was removed\n',
        change: { branch: 'feature/ci', labels: [], files: ['.github/workflows/ci.yml'] },
      }),
      pathExample({
        verdict: 'fine',
        file: '.github/ISSUE_TEMPLATE/bug.md',
        text: 'Describe the bug, and the steps that show it.\n',
        change: { branch: 'feature/ci', labels: [], files: ['.github/ISSUE_TEMPLATE/bug.md'] },
      }),
    ],
  },
  check: ({ ctx, change, pp, agent }) => checkPolicySurface(ctx, change, pp, agent),
};

export function checkPolicySurface(
  ctx: CheckContext,
  change: ChangeSet,
  pp: PathPolicy,
  agent: AgentSignal | undefined,
): Finding[] {
  const state = labelState(change, pp.label);
  if (!agent && state === 'present') return [];
  const out: Finding[] = [];
  // The local actions the base's workflows run (an unreadable base: the change's own workflows,
  // which a change to them is surface anyway).
  const actions = ciLocalActions(
    ctx.repo,
    change.readBase ?? ((p: string) => ctx.repo.readFile(p)),
    change.expectBase,
  );
  for (const f of change.files) {
    for (const path of alteredPaths(f)) {
      const d = pp.surfaceMatcher.explain(matchForm(f, path));
      const action = d.matched || d.negated ? undefined : actions.which(matchForm(f, path));
      if (!d.matched && action === undefined) continue;
      // Stryker disable next-line StringLiteral: a surface match always has its pattern; without one (a local action) `pattern` is read nowhere
      const pattern = d.source?.pattern ?? '';
      const where = d.source?.policyPath;
      const kind = action
        ? `the local action \`./${action.dir}\` CI runs (\`uses:\` in ${action.usedBy} line ${action.line} on the base)`
        : (pp.surfaceWhat.get(pattern) ?? `policy surface by \`${pattern}\` (policy_surface.extra)`);
      let grows = '';
      if (path === pp.baselineFile) {
        // Dropping accepted findings only makes the check stricter; accepting one needs approval.
        // Without the base's text the change cannot be told from growth.
        const growth = change.readBase
          ? baselineGrowth(change.readBase(path), ctx.repo.readFile(path), path)
          : ({ grows: true, why: 'the base cannot be read to compare' } as const);
        if (!growth.grows) continue;
        grows = ` (${growth.why})`;
      }
      const what = `${describeChange(f)} is ${kind}${grows}, part of the policy surface that decides how every change is judged`;
      const message = agent
        ? `${what}; agents never change it, ${agentChangeWords(ctx, agent)} or with a label: make this change on a human branch, or revert it here.`
        : `${what}, and ${state === 'unknown' ? 'this change needs' : 'this change lacks'} the \`${pp.label}\` label${labelNote(change, pp.label)}: have a human review it and add the label, or revert the change to this file.`;
      out.push({
        rule: policySurfaceChanged.id,
        severity: !agent && state === 'unknown' ? 'warning' : policySurfaceChanged.defaultSeverity,
        message,
        ...findingLocation(ctx, f, where ?? ['policy_surface']),
        ...(where ? { related: [relatedPolicy(ctx, where, `policy surface pattern \`${pattern}\``)] } : {}),
        ...(action ? { related: [actionStep(action)] } : {}),
      });
      break;
    }
  }
  return out;
}

function actionStep(a: LocalAction): RelatedLocation {
  const at = { line: a.line - 1, character: 0 };
  return { file: a.usedBy, range: { start: at, end: at }, message: `the step that runs \`./${a.dir}\`` };
}
