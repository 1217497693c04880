import type { Finding } from '../finding.js';
import type { RuleMeta } from '../rules/rule.js';
import { commentPrefix, findDirectives, mentionsDirective, type SuppressionDirective } from './directives.js';
import { insideString, pythonLexicalMap } from './python-lexical.js';
import type { RefuseDirective } from './self-granted.js';
import { suppressibleInCode } from './suppressible.js';

/** One `slipway: allow` comment as the suppression rules (SUP001, SUP002) judge it. */
export interface JudgedDirective {
  file: string;
  /** `#` or `--`: the comment syntax it was written in. */
  prefix: string;
  directive: SuppressionDirective;
  /**
   * Rules it names that suppress nothing, in the order written: `unknown` when no rule of the
   * registry has the id, `unsuppressible` when the rule's findings cannot be lifted by a comment
   * (see suppressible.ts), else the rule reports nothing on the directive's target line.
   */
  stale: { rule: string; unknown: boolean; unsuppressible?: true }[];
  /** Why it suppresses nothing although well formed: the change granted it itself (self-granted.ts). */
  refused?: string;
}

/** What SUP001 and SUP002 read: every directive of the checked files, judged against the findings. */
export interface SuppressionRun {
  directives: JudgedDirective[];
}

/**
 * Removes findings covered by a `slipway: allow RULE -- reason` comment, and judges each comment
 * for the suppression rules: a malformed one or one without a reason suppresses nothing (SUP002),
 * and one naming an unknown rule or a rule with nothing to suppress is stale (SUP001). A
 * directive covers findings in its file that start on its target line.
 */
export function applySuppressions(
  findings: Finding[],
  files: Iterable<string>,
  read: (file: string) => string | undefined,
  /** The rules a directive may name, by id. */
  known: ReadonlyMap<string, Pick<RuleMeta, 'suppressible'>>,
  /** Says why a directive must not suppress (an agent's own, see selfGrantedGuard). */
  refuse?: RefuseDirective,
): { kept: Finding[]; run: SuppressionRun } {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const suppressed = new Set<Finding>();
  // Findings a refused directive names: they stand, and say why the comment did not count.
  const notes = new Map<Finding, string>();
  const judged: JudgedDirective[] = [];
  for (const file of files) {
    const prefix = commentPrefix(file);
    if (!prefix) continue;
    const text = read(file);
    if (text === undefined) continue;
    const inFile = byFile.get(file) ?? [];
    // In Python, the marker must be a real comment: the same text inside a string is data.
    const lexical = isPython(file) && mentionsDirective(text) ? pythonLexicalMap(text) : undefined;
    const isComment = lexical && ((at: number) => lexical.comments.has(at));
    const directives = findDirectives(text, prefix, isComment).map((d) => ({ d, prefix, embedded: false }));
    // SQL inside a Python string (`op.execute("""...""")`) has SQL comments: a `-- slipway: allow`
    // there, inside the string, targets a statement line, which a finding anchored on the call
    // names as `related`.
    if (lexical && text.includes('--'))
      for (const d of findDirectives(text, '--', (at) => insideString(lexical, at)))
        directives.push({ d, prefix: '--', embedded: true });
    for (const { d, prefix, embedded } of directives) {
      const verdict: JudgedDirective = { file, prefix, directive: d, stale: [] };
      judged.push(verdict);
      if (d.malformed || !d.reason) continue;
      const refused = refuse?.(file, text, d);
      if (refused) verdict.refused = refused;
      for (const rule of d.rules) {
        const meta = known.get(rule);
        if (!meta) {
          verdict.stale.push({ rule, unknown: true });
          continue;
        }
        if (!suppressibleInCode(meta)) {
          verdict.stale.push({ rule, unknown: false, unsuppressible: true });
          continue;
        }
        const hits = inFile.filter(
          (f) =>
            f.rule === rule &&
            (f.range.start.line === d.targetLine ||
              (embedded && f.related?.some((r) => r.file === file && r.range.start.line === d.targetLine))),
        );
        if (hits.length === 0) verdict.stale.push({ rule, unknown: false });
        for (const h of hits) {
          if (refused) notes.set(h, refused);
          else suppressed.add(h);
        }
      }
    }
  }
  const kept = findings
    .filter((f) => !suppressed.has(f))
    .map((f) => {
      const note = notes.get(f);
      return note ? { ...f, message: `${f.message} (Not suppressed: ${note}.)` } : f;
    });
  return { kept, run: { directives: judged } };
}

function isPython(file: string): boolean {
  return file.endsWith('.py') || file.endsWith('.pyi');
}
