import { ruleFamilyIds, unknownRuleFilter } from '@slipway/policy-core';
import { UserError } from './command.js';

/** Rule-id prefixes (`MIG`, `PATH`, …): what `--rule` and `explain` accept as a family. */
export function ruleFamilies(): ReadonlySet<string> {
  return ruleFamilyIds();
}

/**
 * `--rule` values must name a rule or a family: a typo (`--rule MIG01`) would otherwise filter
 * everything out and report "No findings", which reads as a pass.
 */
export function checkRuleFilters(values: readonly string[] | undefined, command: string): void {
  const bad = unknownRuleFilter(values ?? []);
  if (bad === undefined) return;
  throw new UserError(
    `unknown rule or family \`${bad}\` for \`slipway ${command} --rule\`; run \`slipway explain --list\` for every rule`,
  );
}
