/**
 * How far this run went, for the code cache of the script it runs in (cli-bundle-loader.ts): a
 * cache written by a run that stopped early (an agent's read-only call) lacks what a later run
 * compiles (the engine), and a run that reaches a mark its cache lacks writes a wider one at
 * exit. The entry point hands the cache's `reached` to main, which installs it here before the
 * command runs; from source (tests, no cache) nothing listens.
 */
let listener: ((mark: string) => void) | undefined;

export function listenForMarks(reached: ((mark: string) => void) | undefined): void {
  listener = reached;
}

/** Says this run reached `mark` (a word, such as the agent gate's "judged"). */
export function reached(mark: string): void {
  listener?.(mark);
}
