import { appendAll } from '../../../append-all.js';
import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import { stateFiles } from './state-files.js';
import type { UpdateConfigRun, UpdateStateRun } from './update-facts.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';
import { sectionFamily } from '../../section-family.js';

/** The UPD family: the self-updater's config, environment overrides and state files. */
export function updateFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  const configRules = rules.filter((r) => r.facts === 'update-config') as Rule<UpdateConfigRun>[];
  const stateRules = rules.filter((r) => r.facts === 'update-state') as Rule<UpdateStateRun>[];
  return sectionFamily('UPD', rules, 'update', (ctx, section) => {
    const file = section.config;
    const text = ctx.repo.readFile(file);
    const config: UpdateConfigRun = { ctx, file, text };
    const findings = configRules.flatMap((r) => r.check(config));
    const filesChecked = text === undefined ? [] : [file];
    for (const path of stateFiles(ctx, section.state, text)) {
      const stateText = ctx.repo.readFile(path);
      if (stateText === undefined) {
        // Listed but refused unread (a symlink leading outside the repository): one finding.
        const why = ctx.repo.whyUnread?.(path);
        if (why !== undefined)
          findings.push({
            rule: RULE_IDS.invalidStateFile,
            severity: 'error',
            message: `${why}; commit the state file itself, or leave it out of the repository.`,
            file: path,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          });
        continue;
      }
      filesChecked.push(path);
      for (const r of stateRules) appendAll(findings, r.check({ path, text: stateText }));
    }
    return { findings, filesChecked };
  });
}
