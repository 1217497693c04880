import {
  allRules,
  type Finding,
  renderGithub,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
} from '@slipway/policy-core';
import { UserError } from './command.js';
import { VERSION } from './version.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined, command: string): Format {
  const f = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(f))
    throw new UserError(
      `unknown format \`${f}\` for \`slipway ${command} --format\`; use one of ${FORMATS.join(', ')}`,
    );
  return f as Format;
}

export function render(format: Format, findings: readonly Finding[], filesChecked: number): string {
  switch (format) {
    case 'json':
      return renderJson(findings, filesChecked);
    case 'sarif':
      return renderSarif(findings, { rules: allRules(), toolVersion: VERSION });
    case 'github':
      return renderGithub(findings);
    case 'markdown':
      return renderMarkdown(findings, filesChecked);
    default:
      return renderText(findings, filesChecked);
  }
}
