import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from './command.js';

/**
 * `slipway init --ci github`: the deploy workflows (guard, staging, production, rollback, watch), driven by Slipway. The guard runs on
 * pull requests (labels included, since label-gated rules depend on them) and on pushes; a push
 * to an agent branch is verified on staging, from a checkout of the production branch, whose
 * log records it; production promotion waits for the `production`
 * environment's required reviewer, whose login (from the run's approvals) is recorded; "Rollback
 * to last good" is a manual dispatch through the same environment; a scheduled watch is the
 * production monitoring, in an environment of its own without reviewers so it can act
 * unattended. Every job that writes the record or the log commits to the production branch, so
 * there is one log, and checks that branch out explicitly.
 *
 * Every value a person types (a reason, a SHA) reaches the shell through `env:`, never through
 * `${{ }}` inside `run:`, which GitHub would paste into the script before the shell parses it.
 * Every step that writes the record or the audit log pushes what it committed even when the
 * command failed: a refused or failed deploy is logged, and the log must outlive the runner. A
 * rejected push is retried after restacking onto the moved branch, never forced.
 */
export interface WorkflowOptions {
  productionBranch: string;
  /** How workflows refer to the Slipway action, e.g. "your-org/slipway@v1". */
  action: string;
  stagingEnvironment?: string;
  productionEnvironment?: string;
}

export interface GeneratedFile {
  path: string;
  text: string;
}

/**
 * Promote, rollback and watch of production share one concurrency group: at most one of them
 * runs, because the deploy lock is per clone and each runner has its own clone. Staging
 * verifications have a group of their own: they may run beside a production change, and the
 * loser of the race to push restacks its record commit. GitHub keeps one pending run per group and a newly queued one
 * cancels it, so the scheduled watch first looks for a dispatched promote or rollback that is
 * queued, waiting or running and stands aside rather than cancel it.
 */
const PRODUCTION_GROUP = 'slipway-production';

const CONCURRENCY = (indent: string) => `${indent}concurrency:
${indent}  group: ${PRODUCTION_GROUP}
${indent}  cancel-in-progress: false`;

/**
 * Checks out `ref` (the production branch for every job that commits to it, so a run dispatched
 * from another branch never pushes that branch's commits there), with history for the guard.
 */
const SETUP = (action: string, ref?: string) => `      - uses: actions/checkout@v4
        with:
${ref === undefined ? '' : `          ref: ${ref}\n`}          fetch-depth: 0
      - uses: ${action}
        with:
          command: setup`;

/**
 * Who commits the record: deliberately not a `name[bot]@users.noreply.github.com` address, the
 * shape agent identities take (agents.identities): Slipway's own jobs would then count as an
 * agent (BR001 on every record commit to the production branch, `kind: agent` in the log).
 */
const IDENTITY = `      - name: Commit identity for the deploy record
        run: |
          git config user.name "Slipway CI"
          git config user.email "slipway-ci@users.noreply.github.com"`;

/**
 * The reviewer who approved this run's deployment to `environment`, from the run's approval
 * history (not `github.triggering_actor`, who only dispatched it). No approval means the
 * environment has no required reviewer: the job fails rather than invent an approver.
 */
const APPROVER = (environment: string) => `      - name: Who approved the ${environment} deployment
        id: approver
        env:
          GH_TOKEN: \${{ github.token }}
          ENVIRONMENT: ${environment}
        run: |
          login=$(gh api "repos/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/approvals" \\
            --jq '[.[] | select(.state == "approved" and any(.environments[]; .name == $ENV.ENVIRONMENT))] | last | .user.login // empty') || {
            echo "::error::Could not read this run's environment approvals (the job needs permissions: actions: read)"
            exit 1
          }
          if [ -z "$login" ]; then
            echo "::error::No reviewer approved this run's deployment to the $ENVIRONMENT environment. Add a required reviewer under Settings > Environments > $ENVIRONMENT; Slipway records who approved and will not name one that did not."
            exit 1
          fi
          echo "login=$login" >> "$GITHUB_OUTPUT"`;

/**
 * Pushes what the job committed to `$PUSH_BRANCH`. When the branch moved during the deploy the
 * push is rejected: fetch it and `slipway restack` the record commit onto it, a few times (or
 * stop, when the job committed nothing and the branch already has everything HEAD has). A
 * plain rebase would conflict whenever the other job also appended to the audit log (two
 * appends to one file), and a hand-resolved log breaks the hash chain; restack appends this
 * job's entries after the other's and re-chains them. When restack refuses (two production
 * changes crossed), the job fails loudly and prints the commit as a patch (the runner's clone is
 * gone after the job) for a person to look at; nothing here ever force-pushes.
 */
const PUSH = `          for attempt in 1 2 3 4 5; do
            git push origin "HEAD:$PUSH_BRANCH" && break
            if [ "$attempt" = 5 ]; then
              echo "::error::Could not push the deploy record and audit log to $PUSH_BRANCH after 5 attempts; the record commit must be pushed by hand: apply the patch printed below with git am, then run slipway restack origin/$PUSH_BRANCH (never force-push)"
              git format-patch --stdout "origin/$PUSH_BRANCH..HEAD"
              exit 1
            fi
            git fetch origin "+refs/heads/$PUSH_BRANCH:refs/remotes/origin/$PUSH_BRANCH"
            # Nothing of this job's own (a healthy watch, a command that stopped before writing):
            # the branch simply moved on, and there is nothing to push.
            if git merge-base --is-ancestor HEAD "origin/$PUSH_BRANCH"; then break; fi
            if ! node "$SLIPWAY" restack "origin/$PUSH_BRANCH"; then
              echo "::error::The deploy record/audit log commit cannot be restacked onto $PUSH_BRANCH (see above); a person must reconcile them: the commit is printed below as a patch (never force-push)"
              git format-patch --stdout "$(git merge-base HEAD "origin/$PUSH_BRANCH")..HEAD"
              exit 1
            fi
            sleep $((attempt * 3))
          done`;

function guard(o: WorkflowOptions): GeneratedFile {
  return {
    path: '.github/workflows/slipway-guard.yml',
    text: `# Generated by \`slipway init --ci github\`. The deploy guard: protected paths, agent scope,
# dependency pins and lock, migrations, deploy record and audit log.
name: Slipway guard
on:
  pull_request:
    types: [opened, synchronize, reopened, labeled, unlabeled]
  push:
    branches: [${o.productionBranch}]
permissions:
  contents: read
  security-events: write
  pull-requests: read
jobs:
  guard:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: ${o.action}
        with:
          command: guard
          sarif: true
`,
  };
}

function promote(o: WorkflowOptions): GeneratedFile {
  const staging = o.stagingEnvironment ?? 'staging';
  const production = o.productionEnvironment ?? 'production';
  return {
    path: '.github/workflows/slipway-promote.yml',
    text: `# Generated by \`slipway init --ci github\`. Agent branches are verified on ${staging}; a
# verified SHA on ${o.productionBranch} is promoted to ${production} after the "${production}"
# environment's required reviewer approves (Settings > Environments > ${production}); the reviewer
# who approved is recorded, and the job fails when the environment has no required reviewer.
# The staging job runs in a checkout of ${o.productionBranch}: it deploys the pushed agent SHA with
# ${o.productionBranch}'s own deploy command and appends STAGING_VERIFIED to ${o.productionBranch}'s audit log,
# so the agent branch never carries record or log changes and parallel agent branches never
# conflict there. Verifications run one at a time (one staging environment); GitHub keeps one
# pending run per concurrency group, so a verification that a newer one replaced shows as
# cancelled: re-run it. Merge verified branches with merge commits (the verified SHA must be on
# ${o.productionBranch}), then dispatch with that SHA. The production job deploys it and commits the
# record on top of ${o.productionBranch}. A job whose push is rejected restacks its record commit
# (slipway restack) instead of rebasing it, so the hash chain stays whole.
name: Slipway promote
on:
  push:
    branches: ["auto/**"]
  workflow_dispatch:
    inputs:
      sha:
        description: "The commit ${staging} verified (STAGING_VERIFIED in the audit log), now on ${o.productionBranch}"
        required: true
      reason:
        description: "Why this release"
        required: true
permissions:
  contents: write
  actions: read
jobs:
  staging:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    environment: ${staging}
    # One staging environment: one verification at a time, across all agent branches.
    concurrency:
      group: slipway-staging
      cancel-in-progress: false
    steps:
${SETUP(o.action, o.productionBranch)}
${IDENTITY}
      - name: Deploy \${{ github.ref_name }} to ${staging} and verify
        env:
          PUSH_BRANCH: ${o.productionBranch}
        run: |
          node "$SLIPWAY" promote "$GITHUB_SHA" --env ${staging} --commit && code=0 || code=$?
${PUSH}
          exit "$code"
  production:
    if: github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    environment: ${production}
    # Shared with "Rollback to last good" and the watch: one production change at a time.
${CONCURRENCY('    ')}
    steps:
${APPROVER(production)}
${SETUP(o.action, o.productionBranch)}
${IDENTITY}
      - name: Promote to ${production}
        env:
          SHA: \${{ inputs.sha }}
          REASON: \${{ inputs.reason }}
          APPROVER: \${{ steps.approver.outputs.login }}
          PUSH_BRANCH: ${o.productionBranch}
        run: |
          node "$SLIPWAY" promote "$SHA" --env ${production} --reason "$REASON" \\
            --yes --approved-by "$APPROVER (approved in environment ${production})" --commit && code=0 || code=$?
${PUSH}
          exit "$code"
`,
  };
}

function rollback(o: WorkflowOptions): GeneratedFile {
  const production = o.productionEnvironment ?? 'production';
  return {
    path: '.github/workflows/slipway-rollback.yml',
    text: `# Generated by \`slipway init --ci github\`. "Rollback to last good" redeploys
# the last good SHA, logs a SYSTEM_CORRECTION_EVENT and pins ${production}. It waits for the
# "${production}" environment's required reviewer, whose name is recorded.
name: Rollback to last good
on:
  workflow_dispatch:
    inputs:
      reason:
        description: "Why (logged with the SYSTEM_CORRECTION_EVENT)"
        required: true
      to:
        description: "A recorded SHA to return to (default: the last good one)"
        required: false
# Shared with the production promotion and the watch: one production change at a time.
${CONCURRENCY('')}
permissions:
  contents: write
  actions: read
jobs:
  rollback:
    runs-on: ubuntu-latest
    environment: ${production}
    steps:
${APPROVER(production)}
${SETUP(o.action, o.productionBranch)}
${IDENTITY}
      - name: Roll back
        env:
          REASON: \${{ inputs.reason }}
          TO: \${{ inputs.to }}
          APPROVER: \${{ steps.approver.outputs.login }}
          PUSH_BRANCH: ${o.productionBranch}
        run: |
          node "$SLIPWAY" rollback --env ${production} --reason "$REASON" \${TO:+--to "$TO"} \\
            --yes --approved-by "$APPROVER (approved in environment ${production})" --commit && code=0 || code=$?
${PUSH}
          exit "$code"
`,
  };
}

function watch(o: WorkflowOptions): GeneratedFile {
  const production = o.productionEnvironment ?? 'production';
  const watchEnvironment = `${production}-watch`;
  return {
    path: '.github/workflows/slipway-watch.yml',
    text: `# Generated by \`slipway init --ci github\`. Production monitoring: poll health every 45 s for
# four minutes per run; after 3 consecutive failures roll back once and pin ${production}.
# It runs unattended, so it uses its own environment, "${watchEnvironment}" (create it under
# Settings > Environments): it holds the credentials the rollback needs, has NO required
# reviewers (a reviewer would hold every scheduled run until a human came), and its deployment
# branches are restricted to ${o.productionBranch}. The "${production}" environment, with its reviewer,
# stays for promote and "Rollback to last good".
name: Slipway watch
on:
  schedule:
    - cron: "*/5 * * * *"
  workflow_dispatch: {}
permissions:
  contents: write
  actions: read
jobs:
  # A newly queued run in a concurrency group cancels the pending one, so a watch must not
  # queue behind a dispatched promote or rollback: it stands aside while one is under way.
  busy:
    runs-on: ubuntu-latest
    outputs:
      busy: \${{ steps.runs.outputs.busy }}
    steps:
      - id: runs
        env:
          GH_TOKEN: \${{ github.token }}
        run: |
          busy=0
          for workflow in slipway-promote.yml slipway-rollback.yml; do
            n=$(gh run list --repo "$GITHUB_REPOSITORY" --workflow "$workflow" --event workflow_dispatch \\
              --limit 20 --json status --jq '[.[] | select(.status != "completed")] | length')
            busy=$((busy + n))
          done
          echo "busy=$([ "$busy" -gt 0 ] && echo true || echo false)" >> "$GITHUB_OUTPUT"
  watch:
    needs: busy
    if: needs.busy.outputs.busy != 'true'
    runs-on: ubuntu-latest
    environment: ${watchEnvironment}
    # Shared with the production promotion and "Rollback to last good".
${CONCURRENCY('    ')}
    steps:
${SETUP(o.action, o.productionBranch)}
${IDENTITY}
      - name: Watch ${production}
        env:
          PUSH_BRANCH: ${o.productionBranch}
        run: |
          node "$SLIPWAY" watch --env ${production} --interval 45s --failures 3 --for 4m --commit && code=0 || code=$?
${PUSH}
          exit "$code"
`,
  };
}

export function githubWorkflows(o: WorkflowOptions): GeneratedFile[] {
  return [guard(o), promote(o), rollback(o), watch(o)];
}

/** Writes the workflows under `root`; refuses to replace existing ones unless `force`. Returns paths written. */
export function writeGithubWorkflows(root: string, o: WorkflowOptions, force = false): string[] {
  const files = githubWorkflows(o);
  const existing = files.filter((f) => existsSync(join(root, f.path)));
  if (existing.length > 0 && !force) {
    throw new UserError(
      `${existing.map((f) => f.path).join(', ')} already exist; pass --force to replace them`,
    );
  }
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  return files.map((f) => f.path);
}
