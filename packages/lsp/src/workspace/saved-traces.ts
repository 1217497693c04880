import { statSync } from 'node:fs';
import type { JsRenderers, TraceReport } from '@slipway/policy-core';
import { readSavedTrace, savedTracePath } from '@slipway/policy-core/node';

/**
 * The last `slipway trace` of each work tree, as the hovers read it. The file lives in the git
 * directory, where the server's watchers do not look; instead each read compares the file's
 * identity (inode, size, mtime: the trace is written by rename, so a new trace is a new inode)
 * with the one it parsed, which costs one `stat` per hover and is never stale: a trace run in a
 * terminal shows at the next hover, one that was deleted disappears.
 */
export class SavedTraces {
  private readonly byRoot = new Map<string, { stamp: string; report: TraceReport | undefined }>();
  /**
   * The JS tools' renderers the server traced with (`slipway lsp`: Knex), once it has: a hover
   * re-renders a Knex call to find it in the trace. Without them such a statement shows nothing.
   */
  renderers: JsRenderers | undefined;

  get(root: string): TraceReport | undefined {
    const path = savedTracePath(root);
    if (path === undefined) return undefined;
    const st = statSync(path, { throwIfNoEntry: false });
    const stamp = st ? `${st.ino}:${st.size}:${st.mtimeMs}` : '';
    const known = this.byRoot.get(root);
    if (known?.stamp === stamp) return known.report;
    const report = st ? readSavedTrace(path) : undefined;
    this.byRoot.set(root, { stamp, report });
    return report;
  }
}
