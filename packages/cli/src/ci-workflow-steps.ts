// The steps the generated workflows (ci-workflows.ts) share: checkout and setup, the commit
// identity, who approved the deployment, and the step that runs a committing Slipway command and
// pushes its commit, restacking instead of force-pushing.

/**
 * Checks out `ref` (the production branch for every job that commits to it, so a run dispatched
 * from another branch never pushes that branch's commits there), with history for the guard.
 */
export const SETUP = (action: string, ref?: string) => `      - uses: actions/checkout@v4
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
export const IDENTITY = `      - name: Commit identity for the deploy record
        run: |
          git config user.name "Slipway CI"
          git config user.email "slipway-ci@users.noreply.github.com"`;

/**
 * The reviewer who approved this run's deployment to `environment`, from the run's approval
 * history (not `github.triggering_actor`, who only dispatched it). No approval means the
 * environment has no required reviewer: the job fails rather than invent an approver.
 */
export const APPROVER = (environment: string) => `      - name: Who approved the ${environment} deployment
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

/**
 * A step that runs a Slipway command with `--commit` (it commits the record or the audit log to
 * the checked-out production branch), then pushes that commit to `branch` even when the command
 * failed, since a refused or failed deploy is logged too, and ends as the command did. `env` maps
 * each variable `command` reads to the GitHub expression it holds: inputs reach the shell through
 * the environment, never pasted into the script. `command` may continue on indented lines.
 */
export const COMMITTING_STEP = (
  name: string,
  branch: string,
  env: Record<string, string>,
  command: string,
) => `      - name: ${name}
        env:
${Object.entries(env)
  .map(([variable, expression]) => `          ${variable}: \${{ ${expression} }}\n`)
  .join('')}          PUSH_BRANCH: ${branch}
        run: |
          ${command} --commit && code=0 || code=$?
${PUSH}
          exit "$code"`;

/** The arguments that record who approved the deployment (the APPROVER step's login) and skip the prompt. */
export const APPROVED_BY = (environment: string) =>
  `--yes --approved-by "$APPROVER (approved in environment ${environment})"`;
