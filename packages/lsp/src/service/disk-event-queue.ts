/**
 * Disk events (watched files) are taken in order, one batch at a time: a batch may wait for git
 * to say which files it ignores. A request waits for the batches received before it, so that it
 * answers on the files as the client reported them: a pull sent after "db/0002.sql created" sees
 * db/0002.sql, however long git takes.
 */
export class DiskEventQueue {
  private last: Promise<void> = Promise.resolve();

  /** Runs `batch` after the batches before it; rejects with its error (the next batch runs all the same). */
  take(batch: () => Promise<void>): Promise<void> {
    const run = this.last.then(batch);
    this.last = run.catch(() => {});
    return run;
  }

  /** Resolves once every batch taken so far has been handled. */
  settled(): Promise<void> {
    return this.last;
  }
}
