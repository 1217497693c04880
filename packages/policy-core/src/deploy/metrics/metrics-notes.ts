/** Something the figures could not use as they stand: where it is and what it means. */
export interface MetricsNote {
  /** 1-based line of the audit log. */
  line: number;
  message: string;
}

/** How many notes an environment gives one by one: a shallow clone's log would give one a deploy. */
const NOTES_SAID = 20;

/** An environment's notes, the first NOTES_SAID of them in full and the rest counted in one. */
export class SaidNotes {
  private said = 0;
  private more = 0;
  private firstMore = 0;

  constructor(
    private readonly environment: string,
    private readonly notes: MetricsNote[],
  ) {}

  /** A note at a 0-based line. */
  note(line: number, message: string): void {
    if (this.said < NOTES_SAID) {
      this.said++;
      this.notes.push({ line: line + 1, message });
    } else if (this.more++ === 0) this.firstMore = line + 1;
  }

  summarise(): void {
    if (this.more > 0)
      this.notes.push({
        line: this.firstMore,
        message: `${this.environment}: ${this.more} more lines from line ${this.firstMore} on, each as a note above says (a commit not in this clone, a rollback that cannot be attributed); fetch the history (git fetch --unshallow) and run again`,
      });
  }
}
