import type { Finding } from '../../finding.js';
import type { PolicyDocument } from '../../policy/document.js';
import { findingOf, type Rule } from '../../rule.js';
import { weakenings } from './facts/policy-effect.js';
import type { PolicyRun } from './facts/policy-facts.js';
import { policyExample } from './facts/examples.js';

const BASE =
  'version: 1\n' +
  'protected:\n' +
  '  label: approved-core-change\n' +
  '  paths: [ledger/core/]\n' +
  'agents:\n' +
  '  branches: ["agent/*"]\n' +
  '  allowed: [docs/]\n' +
  '  limits: { files: 20 }\n' +
  'max_waiver_days: 90\n';

/**
 * Effects that say where this repository keeps its own things (its production branch, its deploy
 * record and audit log): a repository names them for itself, which is not loosening a shared base.
 */
const OWN_KEYS = new Set(['production_branch', 'deploy']);

/** POL006: a repository's policy loosens the base policy it `extends:`. */
export const basePolicyLoosened: Rule<PolicyRun> = {
  id: 'POL006',
  name: 'base-policy-loosened',
  family: 'POL',
  facts: 'policy',
  defaultSeverity: 'error',
  // It judges the policy against its base: a comment in that policy must not approve it.
  suppressible: false,
  title: 'the policy loosens the base it extends',
  docs: {
    what:
      'A policy that `extends:` a base loosens it: a different protected label, `agents.allowed` or ' +
      "the bots' allow-list widened, an agent cap raised, `max_waiver_days` raised, a rule switched " +
      'off or lowered, a preset turned off, a policy-surface opt-out added, a `!pattern` appended to ' +
      "take one of the base's protected paths, agent branches or migration patterns back out, a " +
      "waiver added under a base that sets no `max_waiver_days`. Lists append, so the base's entries " +
      "always stay; its production branch, deploy files and (within the base's bound) waivers are " +
      "the repository's own. One finding per effect, at the line that causes it.",
    why:
      'A shared base is how one team sets the floor for fifty repositories; a repository may add to ' +
      'it (more protected paths, lower caps, stricter severities), but a loosening written in one ' +
      'repository would quietly lower that floor where nobody who owns the base looks.',
    fix:
      'Remove the loosening from the repository, or change the base itself (a reviewed change in its ' +
      'own repository) and pin the new commit.',
    suppress:
      'Not by a comment, and not by the repository: `rules.POL006` is read from the base alone. ' +
      'The base may set `rules: { POL006: warning }` (or `off`).',
    examples: [
      policyExample(
        'flagged',
        'version: 1\n' +
          'extends: policies/base.yaml\n' +
          'agents:\n' +
          '  allowed: [scripts/]      # widens the base allow-list\n' +
          '  limits: { files: 50 }    # raises the base cap\n' +
          'max_waiver_days: 365       # raises the base bound\n',
        { beside: { 'policies/base.yaml': BASE } },
      ),
      policyExample(
        'fine',
        'version: 1\n' +
          'extends: policies/base.yaml\n' +
          'protected:\n' +
          '  paths: [billing/]        # appended: tightening\n' +
          'agents:\n' +
          '  limits: { files: 10 }    # a lower cap\n' +
          'max_waiver_days: 30\n',
        { beside: { 'policies/base.yaml': BASE } },
      ),
    ],
  },
  check: ({ ctx, knownIds }) => checkBaseLoosened(ctx.policy, knownIds),
};

export function checkBaseLoosened(doc: PolicyDocument, knownIds: ReadonlySet<string>): Finding[] {
  const from = doc.extended;
  if (!from) return [];
  const out = weakenings(from.base.policy, doc.policy, knownIds)
    // Waivers are a repository's own exceptions while the base bounds how long one may last
    // (its max_waiver_days); under a base that sets no bound, each added waiver is a loosening.
    .filter(
      (e) => (!e.waiver || from.base.policy.max_waiver_days === undefined) && !OWN_KEYS.has(String(e.at[0])),
    )
    .map((e) =>
      findingOf(
        basePolicyLoosened,
        doc.file,
        // At the key; a list item (`agents.allowed[2]`) is its own key in YAML and TOML alike.
        doc.locate(e.at, 'key'),
        `this policy would ${e.what}, loosening its base ${from.described}; a repository may tighten the policy it extends, never loosen it.`,
      ),
    );
  const ownRules = (from.own.input as { rules?: Record<string, unknown> } | undefined)?.rules;
  if (ownRules && Object.hasOwn(ownRules, basePolicyLoosened.id))
    out.push(
      findingOf(
        basePolicyLoosened,
        doc.file,
        doc.locate(['rules', basePolicyLoosened.id], 'key'),
        `\`rules.${basePolicyLoosened.id}\` is ignored in a policy that extends a base: only the base ${from.described} may set it.`,
      ),
    );
  return out;
}
