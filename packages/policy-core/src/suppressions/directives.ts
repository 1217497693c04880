import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';

/** One `slipway: allow …` comment. */
export interface SuppressionDirective {
  rules: string[];
  reason: string;
  /** Range of the directive text inside the comment. */
  range: Range;
  /** The line whose findings it suppresses: its own line for a trailing comment, else the next code line. */
  targetLine: number;
}

/** Comment syntax by file name; files without comments (JSON, JSON Lines) get none. */
export function commentPrefix(file: string): string | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.sql')) return '--';
  if (/\.(py|pyi|txt|in|lock|ya?ml|toml|cfg|ini|sh|conf)$/.test(name)) return '#';
  if (name === 'requirements' || name.startsWith('requirements')) return '#';
  return undefined;
}

const DIRECTIVE = /slipway:\s*allow\s+([A-Za-z0-9_,\s]+?)\s*(?:--\s*(.*?))?\s*$/;

/**
 * Finds the directives in a file. A directive is a comment (`#` or `--`) whose text starts with
 * `slipway: allow`; more than one rule may be named, comma-separated. Text scan, not a parse:
 * the marker is distinctive enough that string literals containing it are not a practical risk.
 */
export function findDirectives(text: string, prefix: string): SuppressionDirective[] {
  if (!text.includes('slipway:')) return [];
  const index = new LineIndex(text);
  const out: SuppressionDirective[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    const at = lineText.indexOf('slipway:');
    if (at < 0) continue;
    const commentAt = lineText.lastIndexOf(prefix, at);
    if (commentAt < 0 || lineText.slice(commentAt + prefix.length, at).trim() !== '') continue;
    const m = DIRECTIVE.exec(lineText.slice(at));
    if (!m) continue;
    const rules = (m[1] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((r) => r.toUpperCase());
    const ownLine = lineText.slice(0, commentAt).trim() === '';
    let targetLine = line;
    if (ownLine) {
      targetLine = line + 1;
      // A directive above a block of comments applies to the first code line below them.
      while (targetLine < index.lineCount && isCommentOrBlank(index.lineText(targetLine), prefix))
        targetLine++;
    }
    out.push({
      rules,
      reason: (m[2] ?? '').trim(),
      range: { start: { line, character: commentAt }, end: { line, character: lineText.length } },
      targetLine,
    });
  }
  return out;
}

function isCommentOrBlank(line: string, prefix: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith(prefix);
}
