import type { Finding } from '../../finding.js';
import type { RuleFamily } from '../rule.js';
import { checkEnvOverrides, invalidEnvOverride } from './UPD002-invalid-env-override.js';
import { checkUpdateConfig, invalidUpdateConfig } from './UPD001-invalid-config.js';
import { checkStateFile, invalidStateFile, stateFiles } from './UPD003-invalid-state-file.js';
import { checkUnsignedTags, unsignedTagsAllowed } from './UPD004-unsigned-tags-allowed.js';

/** The UPD family (seed 003): the self-updater's config, environment overrides and state files. */
export const updateFamily: RuleFamily = {
  id: 'UPD',
  rules: [invalidUpdateConfig, invalidEnvOverride, invalidStateFile, unsignedTagsAllowed],
  check: (ctx) => {
    const section = ctx.policy.policy.update;
    if (!section) return { findings: [], filesChecked: [] };
    const file = section.config;
    const text = ctx.repo.readFile(file);
    const findings: Finding[] = [
      ...checkUpdateConfig(ctx, file, text),
      ...checkEnvOverrides(ctx, file, text),
      ...checkUnsignedTags(ctx, file, text),
    ];
    const filesChecked = text === undefined ? [] : [file];
    for (const state of stateFiles(ctx, section.state, text)) {
      const stateText = ctx.repo.readFile(state);
      if (stateText === undefined) continue;
      filesChecked.push(state);
      findings.push(...checkStateFile(state, stateText));
    }
    return { findings, filesChecked };
  },
};
