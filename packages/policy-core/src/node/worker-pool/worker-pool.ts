import { Worker } from 'node:worker_threads';

/** What became of one task: its worker's answer, or why there is none. */
export type TaskOutcome<R> = { ok: true; value: R } | { ok: false; why: string };

export interface WorkerPoolOptions<T> {
  /**
   * The worker's script (an ES module file). It posts `{ ready: true }` once it can take tasks,
   * then answers each `{ id, tasks }` with `{ id, values }` (one value per task, in order).
   */
  script: string;
  /** How many workers run at once. */
  size: number;
  /** A batch that takes longer ends its worker: it is taken to hang on its input. */
  timeoutMs: number;
  /** The heap each worker may use (V8's old generation): past it the worker dies, not the process. */
  heapMb: number;
  /**
   * Tasks go to a worker in batches of consecutive tasks up to this weight in all (a task
   * heavier than that alone): one message per task costs a wakeup of both threads each, which
   * on 2,000 small files was a third of the workers' time.
   */
  batchWeight: number;
  weight: (task: T) => number;
}

/** What a worker posts: `ready` once, then one answer per batch. */
type WorkerMessage = { ready: true } | { id: number; values: unknown[] } | { id: number; error: string };

/**
 * A few worker threads running one script over a list of tasks, each task's answer kept apart,
 * so that one input that crashes or hangs its worker (out of memory, a parser that never
 * returns) costs that task alone: the worker is ended and replaced, the other tasks of its
 * batch are tried again one by one, and the task that fails alone is answered with why.
 * A worker that dies before it is ready says nothing about any input: `run` then rejects, and
 * the caller does the work itself.
 *
 * Hand-written rather than piscina or tinypool: both start a worker script of their own from
 * their package folder, which a bundled CLI would have to ship beside it, and neither ties a
 * crash or a timeout to the one task that caused it without the same bookkeeping as here.
 */
export class WorkerPool<T, R> {
  private readonly workers = new Set<Worker>();

  constructor(private readonly options: WorkerPoolOptions<T>) {}

  run(tasks: readonly T[]): Promise<TaskOutcome<R>[]> {
    const outcomes: TaskOutcome<R>[] = new Array(tasks.length);
    const queue = this.batches(tasks);
    let done = 0;
    let batchIds = 0;
    // Once a worker could not start, no other is started and no answer counts.
    let broken = false;
    return new Promise((resolve, reject) => {
      const finish = (id: number, outcome: TaskOutcome<R>) => {
        outcomes[id] = outcome;
        if (++done === tasks.length) resolve(outcomes);
      };
      const giveUp = (err: Error) => {
        broken = true;
        void this.close();
        reject(err);
      };
      const start = () => {
        if (broken) return;
        const worker = new Worker(this.options.script, {
          resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
          // The report owns the process's output: a worker has none to give.
          stdout: true,
          stderr: true,
        });
        this.workers.add(worker);
        let ready = false;
        let current: { id: number; tasks: number[] } | undefined;
        let timer: NodeJS.Timeout | undefined;
        const give = () => {
          const next = queue.shift();
          if (!next) {
            this.end(worker);
            return;
          }
          current = { id: batchIds++, tasks: next };
          timer = setTimeout(
            () => fail(`did not finish within ${this.options.timeoutMs / 1000} s`),
            this.options.timeoutMs,
          );
          worker.postMessage({ id: current.id, tasks: next.map((i) => tasks[i]) });
        };
        // The batch in hand failed with its worker: the worker is ended, and another tries each
        // of a batch's tasks alone, so that only the one at fault is answered with `why`.
        const fail = (why: string) => {
          clearTimeout(timer);
          if (broken) return;
          const batch = current;
          current = undefined;
          this.end(worker);
          if (batch && batch.tasks.length > 1) queue.unshift(...batch.tasks.map((i) => [i]));
          else if (batch) finish(batch.tasks[0] as number, { ok: false, why });
          if (queue.length > 0) start();
        };
        worker.on('message', (message: WorkerMessage) => {
          if ('ready' in message) {
            ready = true;
            give();
            return;
          }
          const batch = current;
          if (broken || !batch || message.id !== batch.id) return;
          clearTimeout(timer);
          current = undefined;
          // A task that threw: the worker lives on, and tries the batch's tasks one by one.
          if ('error' in message && batch.tasks.length > 1) queue.unshift(...batch.tasks.map((i) => [i]));
          else
            batch.tasks.forEach((task, k) => {
              finish(
                task,
                'error' in message
                  ? { ok: false, why: message.error }
                  : { ok: true, value: message.values[k] as R },
              );
            });
          give();
        });
        worker.on('error', (err: Error & { code?: string }) => {
          if (!ready) giveUp(err);
          else
            fail(
              err.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? `ran out of memory (its limit: ${this.options.heapMb} MB)`
                : `crashed (${err.message})`,
            );
        });
        worker.on('exit', (code) => {
          this.workers.delete(worker);
          if (broken) return;
          if (current !== undefined) fail(`exited with code ${code}`);
          else if (!ready) giveUp(new Error(`a worker exited with code ${code} before it was ready`));
        });
      };
      if (tasks.length === 0) resolve(outcomes);
      else for (let i = 0; i < Math.min(this.options.size, queue.length); i++) start();
    });
  }

  /** Ends every worker; nothing of the pool outlives this. */
  close(): Promise<void> {
    const ending = [...this.workers].map((w) => w.terminate());
    this.workers.clear();
    return Promise.all(ending).then(() => undefined);
  }

  /** Consecutive tasks grouped up to the batch weight, as lists of task indices. */
  private batches(tasks: readonly T[]): number[][] {
    const out: number[][] = [];
    let batch: number[] = [];
    let weight = 0;
    tasks.forEach((task, i) => {
      const w = this.options.weight(task);
      if (batch.length > 0 && weight + w > this.options.batchWeight) {
        out.push(batch);
        batch = [];
        weight = 0;
      }
      batch.push(i);
      weight += w;
    });
    if (batch.length > 0) out.push(batch);
    return out;
  }

  private end(worker: Worker): void {
    worker.removeAllListeners('message');
    this.workers.delete(worker);
    void worker.terminate();
  }
}
