import type { Project } from '../workspace/project.js';

/** Quiet time after an edit before the other files' findings are compared. */
const DELAY_MS = 150;

type Signatures = Map<string, string>;

/**
 * An edit can change findings in files other than the one edited: a second head makes the
 * other head's file report too, a requirements edit changes the lock's findings. A pulling
 * client pulls the edited document again by itself, but not necessarily the others; so once
 * the edits settle, every other file's findings are compared with the last time, and only when
 * one differs is the client asked to pull again (LSP's refresh is for all files or none).
 */
export class CrossFileRefresh {
  private readonly pending = new Map<Project, { timer: NodeJS.Timeout; edited: Set<string> }>();
  private readonly last = new WeakMap<Project, Signatures>();

  /** `refresh` asks the client to pull every file again; `compared` is told after each comparison. */
  constructor(
    private readonly refresh: () => void,
    private readonly compared: () => void = () => {},
  ) {}

  /** A document was opened: what the other files show now is the baseline for its edits. */
  async opened(project: Project): Promise<void> {
    if (this.last.has(project)) return;
    await project.refresh();
    this.last.set(project, signatures(project));
  }

  edited(project: Project, path: string): void {
    const entry = this.pending.get(project);
    if (entry) clearTimeout(entry.timer);
    const edited = entry?.edited ?? new Set<string>();
    edited.add(path);
    const timer = setTimeout(() => {
      this.pending.delete(project);
      void this.compare(project, edited)
        .catch(() => {})
        .finally(() => this.compared());
    }, DELAY_MS);
    this.pending.set(project, { timer, edited });
  }

  /** Drops the comparisons not yet due (the service is going away). */
  dispose(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async compare(project: Project, edited: ReadonlySet<string>): Promise<void> {
    await project.refresh();
    const now = signatures(project);
    const before = this.last.get(project);
    this.last.set(project, now);
    if (!before) return;
    for (const file of new Set([...before.keys(), ...now.keys()])) {
      if (edited.has(file)) continue;
      if (before.get(file) !== now.get(file)) {
        this.refresh();
        return;
      }
    }
  }
}

/** Each file's findings, as rule, position, severity and message: what the client would show. */
function signatures(project: Project): Signatures {
  const out: Signatures = new Map();
  for (const [file, found] of project.check().byFile)
    out.set(
      file,
      found
        .map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.character}:${f.severity}:${f.message}`)
        .join('\n'),
    );
  return out;
}
