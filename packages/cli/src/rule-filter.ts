import { allRules } from '@slipway/policy-core';
import { UserError } from './command.js';

/** Rule-id prefixes (`MIG`, `PATH`, …): what `--rule` and `explain` accept as a family. */
export function ruleFamilies(): Set<string> {
  return new Set(allRules().map((r) => r.id.replace(/\d+$/, '')));
}

/**
 * `--rule` values must name a rule or a family: a typo (`--rule MIG01`) would otherwise filter
 * everything out and report "No findings", which reads as a pass.
 */
export function checkRuleFilters(values: readonly string[] | undefined, command: string): void {
  if (!values?.length) return;
  const ids = new Set(allRules().map((r) => r.id));
  const families = ruleFamilies();
  for (const v of values) {
    const u = v.toUpperCase();
    if (ids.has(u) || families.has(u)) continue;
    throw new UserError(
      `unknown rule or family \`${v}\` for \`slipway ${command} --rule\`; run \`slipway explain --list\` for every rule`,
    );
  }
}
