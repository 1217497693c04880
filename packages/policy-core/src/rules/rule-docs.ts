import type { ExampleChange, ExampleCommit, RuleExample, RuleFamilyId, RuleMeta } from '../rule.js';

/**
 * The one renderer of rule documentation. The README table, docs/rules pages, `slipway explain`,
 * editor hovers and SARIF rule metadata all render a rule's own `docs` through here, so they
 * cannot disagree.
 */

export const FAMILY_NAMES: Record<RuleFamilyId, string> = {
  POL: 'policy file',
  PATH: 'protected paths and agent scope',
  BR: 'branches and commits',
  DEP: 'dependency pins and lock',
  MIG: 'migrations',
  DB: 'databases',
  REC: 'deploy record',
  AUD: 'audit log',
  UPD: 'self-update',
  SUP: 'suppressions',
  AGT: 'agent change caps',
  COV: 'what was not judged',
};

/** The sections of a rule's documentation, in the order every renderer shows them. */
export function ruleDocSections(rule: RuleMeta): { heading: string; body: string }[] {
  const d = rule.docs;
  return [
    { heading: 'What it flags', body: d.what },
    { heading: 'Why it matters', body: d.why },
    { heading: 'How to fix it', body: d.fix },
    { heading: 'How to suppress or configure it', body: d.suppress },
  ];
}

export type DocsFormat =
  /** A whole page (docs/rules/<ID>.md, the editor's rule page). */
  | 'page'
  /** An editor hover: a one-line header, then the sections without examples. */
  | 'hover'
  /** Plain text for a terminal (`slipway explain`) and SARIF `help.text`. */
  | 'text';

export interface DocsOptions {
  /**
   * Hover over a file without a comment that lasts (JSON, the audit log, an npm-family lock): say
   * that a comment cannot suppress the finding there, and what does (noCommentsNote).
   */
  noCommentsIn?: { policyFile: string };
}

/**
 * What lifts a finding in a file without a comment that lasts (JSON, a lock its tool rewrites):
 * a policy `waivers:` entry for that file, where the rule may be waived there (not SUP, POL:
 * suppressions/suppressible.ts waivableInPolicy), and the rule's severity.
 */
function noCommentsNote(rule: RuleMeta, policyFile: string): string {
  const off = `\`rules: { ${rule.id}: off }\``;
  if (rule.family === 'SUP' || rule.family === 'POL')
    return `This file has no comments: configure the rule in \`${policyFile}\` instead (${off}).`;
  return (
    `This file has no comment that lasts: lift one finding with a \`waivers:\` entry in \`${policyFile}\` ` +
    `(\`rule: ${rule.id}\`, this file under \`paths\`, \`until\`, \`reason\`, \`approved_by\`), or configure the rule there (${off}).`
  );
}

/** A rule's documentation in one of the formats above. */
export function renderRuleDocs(rule: RuleMeta, format: DocsFormat, options: DocsOptions = {}): string {
  const family = `${FAMILY_NAMES[rule.family]} (\`${rule.family}\`)`;
  const sections = ruleDocSections(rule);
  if (format === 'text') {
    return [
      `${rule.id} — ${rule.title}`,
      `family ${rule.family}, default severity ${rule.defaultSeverity}${rule.dialects ? `; ${dialectNote(rule.dialects)}` : ''}`,
      ...sections.flatMap((s) => ['', `${s.heading}:`, s.body]),
      ...examples(rule.docs.examples, 'text'),
      '',
    ].join('\n');
  }
  if (format === 'hover') {
    return [
      `**${rule.id}** · ${rule.title} _(default: ${rule.defaultSeverity})_`,
      ...sections.flatMap((s) => ['', `**${s.heading}.** ${s.body}`]),
      ...(options.noCommentsIn ? ['', noCommentsNote(rule, options.noCommentsIn.policyFile)] : []),
    ].join('\n');
  }
  return [
    `# ${rule.id}: ${rule.title}`,
    '',
    `Family: ${family}. Default severity: **${rule.defaultSeverity}**.${rule.dialects ? ` ${capitalised(dialectNote(rule.dialects))}.` : ''}`,
    ...sections.flatMap((s) => ['', `## ${s.heading}`, '', s.body]),
    ...examples(rule.docs.examples, 'page'),
    '',
    `See also: \`slipway explain ${rule.id}\`.`,
    '',
  ].join('\n');
}

function examples(list: readonly RuleExample[], format: 'page' | 'text'): string[] {
  if (list.length === 0) return [];
  const label = (e: RuleExample) =>
    [
      e.verdict === 'flagged' ? 'Flagged' : 'Not flagged',
      ...(e.change ? [changeLine(e.change)] : []),
      ...Object.entries(e.env ?? {}).map(([name, value]) => `with \`${name}=${value}\``),
      ...(e.assumes ? [e.assumes] : []),
    ].join(', ');
  const beside = (e: RuleExample) => [
    // A file the change leaves as it was on the base is shown once.
    ...Object.entries(e.beside ?? {}).map(([file, text]) => ({
      where: e.change?.base?.[file] === text ? 'Beside it, as on the base' : 'Beside it',
      file,
      text,
    })),
    ...Object.entries(e.change?.base ?? {})
      .filter(([file, text]) => e.beside?.[file] !== text)
      .map(([file, text]) => ({ where: 'On the base', file, text })),
    ...Object.entries(e.change?.baseBranchAdded ?? {}).map(([file, text]) => ({
      where: 'Added to the base branch since the change forked',
      file,
      text,
    })),
  ];
  if (format === 'text')
    return [
      '',
      'Examples:',
      ...list.flatMap((e) => [
        `${label(e)}, in ${e.file}:`,
        indent(e.text),
        ...beside(e).flatMap(({ where, file, text }) => [`  ${where.toLowerCase()}, ${file}:`, indent(text)]),
      ]),
    ];
  const block = (file: string, text: string) => [fence(file), text.trimEnd(), '```'];
  return [
    '',
    '## Examples',
    ...list.flatMap((e) => [
      '',
      `${label(e)}, in \`${e.file}\`:`,
      '',
      ...block(e.file, e.text),
      ...beside(e).flatMap(({ where, file, text }) => [
        '',
        `${where}, \`${file}\`:`,
        '',
        ...block(file, text),
      ]),
    ]),
  ];
}

/** The change an example is checked in, in words: "on a change from branch `auto/docs` with no label, changing `docs/a.md`". */
function changeLine(change: ExampleChange): string {
  const names = change.labels.map((l) => `\`${l}\``).join(', ');
  const labels =
    change.labels.length === 0 ? 'no label' : `label${change.labels.length > 1 ? 's' : ''} ${names}`;
  const files = change.files.map((f) => `\`${f}\``).join(', ');
  const commits = (change.commits ?? []).map(commitLine);
  const changing = files ? `, changing ${files}` : '';
  const deleted = change.deleted?.length
    ? `, deleting ${change.deleted.map((f) => `\`${f}\``).join(', ')}`
    : '';
  const lines = change.lines
    ? `, adding ${change.lines.added} lines and removing ${change.lines.removed}`
    : '';
  return [
    `on a change from branch \`${change.branch}\` with ${labels}${changing}${deleted}${lines}`,
    ...commits,
  ].join(', ');
}

/** A commit in words: `commit "Fix login" (Slipway-Event: PROMOTE) by A <a@x>, committed by B <b@x>`. */
function commitLine(c: ExampleCommit): string {
  // Stryker disable next-line StringLiteral: split gives at least one element; the default is for the type
  const [subject = '', ...body] = c.message.split('\n');
  const rest = body.filter((l) => l.trim() !== '').join('; ');
  const committed = c.committer && c.committer !== c.author ? `, committed by \`${c.committer}\`` : '';
  return `with commit "${subject}"${rest ? ` (${rest})` : ''} by \`${c.author}\`${committed}`;
}

const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

function fence(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const lang = { py: 'python', sql: 'sql', yaml: 'yaml', yml: 'yaml', toml: 'toml', json: 'json' }[ext];
  return `\`\`\`${lang ?? ''}`;
}

/** @internal */
export const TABLE_START = '<!-- rule-table:start (generated by `pnpm gen-docs`) -->';
/** @internal */
export const TABLE_END = '<!-- rule-table:end -->';

/** The README's rule table: one row per rule, linking its page. */
export function ruleTable(rules: readonly RuleMeta[]): string {
  const rows = rules.map(
    (r) =>
      `| [${r.id}](docs/rules/${r.id}.md) | ${FAMILY_NAMES[r.family]} | ${r.defaultSeverity} | ${r.title.replace(/\|/g, '\\|')} |`,
  );
  return [TABLE_START, '| rule | family | default | flags |', '|---|---|---|---|', ...rows, TABLE_END].join(
    '\n',
  );
}

/**
 * Replaces the generated table inside a README: from the start marker to the first end marker
 * after it. Undefined when either is missing.
 */
export function replaceRuleTable(readme: string, table: string): string | undefined {
  const a = readme.indexOf(TABLE_START);
  if (a === -1) return undefined;
  const b = readme.indexOf(TABLE_END, a + TABLE_START.length);
  if (b === -1) return undefined;
  return readme.slice(0, a) + table + readme.slice(b + TABLE_END.length);
}

/** Which databases a rule runs for, when not all: "runs only when `migrations.dialect` is postgresql". */
function dialectNote(dialects: readonly string[]): string {
  return `runs only when \`migrations.dialect\` is ${dialects.join(' or ')} (the default is postgresql)`;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
