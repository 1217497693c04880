import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import { TomlRanges } from '../toml-ranges.js';
import type { PolicyPath } from './document.js';

/**
 * Where a policy path stands in slipway.toml, for findings about the policy. The document is
 * read for positions only when a finding first asks (most loads never do); keys, `[tables]`,
 * `[[arrays of tables]]`, inline tables and array elements all come from `TomlRanges`. A path
 * the file does not write answers with its deepest written ancestor's key, then the file start.
 */
export class TomlLocator {
  private ranges: TomlRanges | undefined;

  constructor(private readonly index: LineIndex) {}

  locate(path: PolicyPath, part: 'key' | 'value'): Range {
    this.ranges ??= new TomlRanges(this.index.text);
    const hit = this.ranges.nearest(path);
    if (!hit) return this.index.range(0, 0);
    const at = hit.exact && part === 'value' ? hit.span.value : hit.span.key;
    return this.index.range(at.start, at.end);
  }
}
