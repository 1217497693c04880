import type { Finding } from '../../finding.js';
import { locateTomlPath, locateTomlValue } from '../../update/toml-locate.js';
import { parseUpdateToml } from '../../update/update-toml.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { UpdateConfigRun } from './facts/update-facts.js';
import { UPDATE_TOML, updateTomlExample } from './facts/examples.js';

export const unsignedTagsAllowed: Rule<UpdateConfigRun> = {
  id: 'UPD004',
  name: 'unsigned-tags-allowed',
  family: 'UPD',
  facts: 'update-config',
  defaultSeverity: 'warning',
  title: 'unsigned releases allowed',
  docs: {
    what: "The self-updater's config sets `require_signed_tags = false`.",
    why:
      '`require_signed_tags = false` lets the updater install whatever the git remote serves: anyone ' +
      'who can push a tag (or tamper with the remote or the connection to it) runs code on the server.',
    fix:
      "Sign release tags (`git tag -s`), list the signers' fingerprints in `allowed_signers` and set " +
      '`require_signed_tags = true`.',
    suppress:
      'When the remote is trusted some other way: `# slipway: allow UPD004 -- reason` on the line. ' +
      'Every finding: `rules: { UPD004: off }` in the policy.',
    examples: [
      updateTomlExample(
        'flagged',
        '[update]\n' + 'channel = "main"\n' + 'interval_minutes = 30\n' + 'require_signed_tags = false\n',
      ),
      updateTomlExample('fine', UPDATE_TOML),
    ],
  },
  check: ({ ctx, file, text }) => checkUnsignedTags(ctx, file, text),
};

export function checkUnsignedTags(_ctx: CheckContext, file: string, text: string | undefined): Finding[] {
  if (text === undefined) return [];
  // Read the raw value: another key's error must not hide this warning.
  const parsed = parseUpdateToml(text);
  const table = parsed.raw?.update as Record<string, unknown> | undefined;
  if (table?.require_signed_tags !== false) return [];
  const value = locateTomlValue(text, ['update', 'require_signed_tags']);
  // The value is found wherever TOML lets it be written (a table, a dotted key, an inline table);
  // text the position reader cannot read (not TOML 1.0) gets the warning at what can be found.
  // Stryker disable next-line ArrayDeclaration,StringLiteral: the position reader reads the whole text or nothing, so here every path answers the first line
  const range = value ?? locateTomlPath(text, ['update', 'require_signed_tags']);
  return [
    {
      rule: 'UPD004',
      severity: 'warning',
      message:
        'require_signed_tags = false: the updater will install unsigned releases; sign release tags, list the signers in allowed_signers and set it to true.',
      file,
      range,
      ...(value
        ? { fixes: [{ title: 'Require signed tags', edits: [{ file, range: value, newText: 'true' }] }] }
        : {}),
    },
  ];
}
