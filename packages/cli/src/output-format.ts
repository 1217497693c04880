import {
  allRules,
  type CheckScope,
  type Finding,
  renderGithub,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
} from '@slipway/policy-core';
import type { Format } from './format-names.js';
import { VERSION } from './version.js';

export { FORMATS, type Format, parseFormat } from './format-names.js';

export function render(
  format: Format,
  findings: readonly Finding[],
  filesChecked: number,
  scope?: CheckScope,
): string {
  switch (format) {
    case 'json':
      return renderJson(findings, filesChecked, scope);
    case 'sarif':
      return renderSarif(findings, {
        rules: allRules(),
        toolVersion: VERSION,
        ...(scope?.baseline ? { baseline: scope.baseline } : {}),
        ...(scope?.suppressed ? { suppressed: scope.suppressed } : {}),
        ...(scope?.coverage ? { coverage: scope.coverage } : {}),
      });
    case 'github':
      return renderGithub(findings);
    case 'markdown':
      return renderMarkdown(findings, filesChecked, undefined, scope);
    default:
      return renderText(findings, filesChecked, scope);
  }
}
