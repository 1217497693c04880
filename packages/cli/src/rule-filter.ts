import { allRules, ruleFamilyIds, unknownRuleFilter } from '@slipway/policy-core';
import { UserError } from './command.js';
import { suggestion } from './did-you-mean.js';

/**
 * `--rule` values must name a rule or a family: a typo (`--rule MIG01`) would otherwise filter
 * everything out and report "No findings", which reads as a pass.
 */
export function checkRuleFilters(values: readonly string[] | undefined, command: string): void {
  const bad = unknownRuleFilter(values ?? []);
  if (bad === undefined) return;
  throw new UserError(
    `unknown rule or family \`${bad}\` for \`slipway ${command} --rule\`${ruleSuggestion(bad)}; run \`slipway explain --list\` for every rule`,
  );
}

/** ` (did you mean \`MIG001\`?)` for a rule id or family typed with a typo, else nothing. */
export function ruleSuggestion(typed: string): string {
  return suggestion(typed, [...allRules().map((r) => r.id), ...ruleFamilyIds()]);
}
