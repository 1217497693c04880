import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { TomlRanges } from '../toml-ranges.js';

/**
 * Finds where a key (or an array element) of update.toml stands in its text, from `TomlRanges`.
 * Falls back to the nearest ancestor that the file writes, then to the first line.
 */
export function locateTomlPath(text: string, path: readonly (string | number)[]): Range {
  const lines = new LineIndex(text);
  const hit = new TomlRanges(text).nearest(path);
  return hit ? lines.range(hit.span.key.start, hit.span.key.end) : lines.lineRange(0);
}

/** Range of the value written after `key =` for `path`, or undefined when the key is absent. */
export function locateTomlValue(text: string, path: readonly string[]): Range | undefined {
  const at = new TomlRanges(text).get(path)?.value;
  return at && new LineIndex(text).range(at.start, at.end);
}
