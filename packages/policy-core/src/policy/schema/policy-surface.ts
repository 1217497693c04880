import * as z from 'zod/mini';
import { defaulted, patternList } from './common.js';

/**
 * The files that decide how a change is judged: the policy, the CI that runs Slipway and the
 * instructions agents read. PATH004 protects a documented default list (policy/surface-defaults.ts);
 * this section extends it or opts entries out. An opt-out is a policy change like any other, so
 * it takes effect only once it is on the base.
 */
export const policySurfaceSection = z.strictObject({
  extra: defaulted(
    patternList,
    [],
    'More gitignore-style patterns to protect as policy surface (e.g. a deploy script CI runs).',
  ),
  opt_out: defaulted(
    patternList,
    [],
    'Patterns taken out of the default surface (e.g. `AGENTS.md` when agents may edit it); the policy file itself always stays protected.',
  ),
});

/** How approval labels are trusted. */
export const labelsSection = z.strictObject({
  verify: defaulted(
    z.enum(['none', 'github']),
    'none',
    '`github`: a label counts only if the GitHub API says someone other than the pull request author and the agent accounts applied it.',
  ),
});

/** The agent gate (`slipway hook <agent>`): what it does when it cannot judge, and what it logs. */
export const hooksSection = z.strictObject({
  fail_open: defaulted(
    z.boolean(),
    false,
    'Let a tool call through when the gate cannot judge it (unreadable input, an engine error, a tool it does not know) instead of refusing it. Off by default: turning it on loosens the policy (POL004).',
  ),
  log_allows: defaulted(
    z.boolean(),
    false,
    "Log every allowed tool call too, not only refusals, in the git directory's decision log (`slipway history --agent-decisions`).",
  ),
});
