import type { Finding } from '../finding.js';
import { commentPrefix, findDirectives } from './directives.js';
import { insideString, pythonLexicalMap } from './python-lexical.js';

/**
 * Removes findings covered by a `slipway: allow RULE -- reason` comment, and reports SUP001
 * (suppresses nothing / unknown rule) and SUP002 (no reason; such a directive suppresses
 * nothing). A directive covers findings in its file that start on its target line.
 */
export function applySuppressions(
  findings: Finding[],
  files: Iterable<string>,
  read: (file: string) => string | undefined,
  knownIds: ReadonlySet<string>,
): Finding[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const suppressed = new Set<Finding>();
  const extra: Finding[] = [];
  for (const file of files) {
    const prefix = commentPrefix(file);
    if (!prefix) continue;
    const text = read(file);
    if (text === undefined) continue;
    const inFile = byFile.get(file) ?? [];
    // In Python, the marker must be a real comment: the same text inside a string is data.
    const lexical = isPython(file) && text.includes('slipway:') ? pythonLexicalMap(text) : undefined;
    const isComment = lexical && ((at: number) => lexical.comments.has(at));
    const directives = findDirectives(text, prefix, isComment).map((d) => ({ d, prefix, embedded: false }));
    // SQL inside a Python string (`op.execute("""...""")`) has SQL comments: a `-- slipway: allow`
    // there, inside the string, targets a statement line, which a finding anchored on the call
    // names as `related`.
    if (lexical && text.includes('--'))
      for (const d of findDirectives(text, '--', (at) => insideString(lexical, at)))
        directives.push({ d, prefix: '--', embedded: true });
    for (const { d, prefix, embedded } of directives) {
      if (d.malformed) {
        extra.push({
          rule: 'SUP002',
          severity: 'error',
          message: `suppression is not in the form \`${prefix} slipway: allow RULE -- reason\` (two dashes before the reason) and suppresses nothing; rewrite it.`,
          file,
          range: d.range,
        });
        continue;
      }
      if (!d.reason) {
        extra.push({
          rule: 'SUP002',
          severity: 'error',
          message: `suppression of ${d.rules.join(', ')} has no reason; write \`${prefix} slipway: allow ${d.rules.join(', ')} -- why\`.`,
          file,
          range: d.range,
        });
        continue;
      }
      for (const rule of d.rules) {
        if (!knownIds.has(rule)) {
          extra.push({
            rule: 'SUP001',
            severity: 'warning',
            message: `suppression names unknown rule \`${rule}\`; fix the id (see \`slipway explain\`) or remove it.`,
            file,
            range: d.range,
          });
          continue;
        }
        const hits = inFile.filter(
          (f) =>
            f.rule === rule &&
            (f.range.start.line === d.targetLine ||
              (embedded && f.related?.some((r) => r.file === file && r.range.start.line === d.targetLine))),
        );
        if (hits.length === 0) {
          extra.push({
            rule: 'SUP001',
            severity: 'warning',
            message: `suppression of ${rule} suppresses nothing on line ${d.targetLine + 1}; remove it.`,
            file,
            range: d.range,
          });
        }
        for (const h of hits) suppressed.add(h);
      }
    }
  }
  return [...findings.filter((f) => !suppressed.has(f)), ...extra];
}

function isPython(file: string): boolean {
  return file.endsWith('.py') || file.endsWith('.pyi');
}
