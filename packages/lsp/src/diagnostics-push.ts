import type {
  Connection,
  Diagnostic,
  PublishDiagnosticsParams,
  TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Quiet time after the last edit before open documents are checked and published again. */
export const PUSH_DELAY_MS = 100;

/** The diagnostics of one document, computed as the pull handler does; undefined when it has none to show (outside every project, ignored). */
export type ComputeDiagnostics = (uri: string) => Promise<Diagnostic[] | undefined>;

/** The diagnostics of every file with findings, open or not, as a workspace pull reports them. */
export type ComputeAllDiagnostics = () => Promise<Map<string, { diagnostics: Diagnostic[] }>>;

/** Told `true` when a pass becomes due, `false` once the last pass has ended with none due. */
export type PushActivity = (busy: boolean) => void;

/**
 * Push diagnostics (`textDocument/publishDiagnostics`) for clients without pull support.
 * Every open document is re-checked after a quiet period following any event that could change
 * findings (rules depend on other files: the policy, the revision graph, the change set), and
 * published only when its diagnostics differ from what the client last received. Files that
 * are not open are published too (a push-only client has no other way to learn of a finding in
 * a file nobody opened: the branch's, a second head's), and cleared once their findings are gone.
 * A closed document is cleared at once, then re-published by the next pass if it has findings.
 */
export class DiagnosticsPusher {
  /** URI → JSON of the diagnostics last published for it. */
  private readonly published = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly compute: ComputeDiagnostics,
    private readonly computeAll: ComputeAllDiagnostics,
    private readonly activity: PushActivity = () => {},
    private readonly delayMs = PUSH_DELAY_MS,
  ) {}

  /** Something changed: re-check every open document once things are quiet. */
  schedule(): void {
    this.activity(true);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.delayMs);
  }

  /** The server is shutting down: no pass starts, and one under way sends nothing more. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A document was closed: clear what the client shows for it. */
  closed(uri: string): void {
    // Never published (ignored by git, outside every project): nothing to clear.
    if (!this.published.delete(uri)) return;
    void this.send({ uri, diagnostics: [] });
  }

  /** One pass at a time; a request made during a pass starts another one after it. */
  private async run(): Promise<void> {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.publishAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.run();
      } else if (!this.timer) this.activity(false);
    });
    await this.running;
  }

  private async publishAll(): Promise<void> {
    for (const doc of this.documents.all()) {
      const { uri, version } = doc;
      let diagnostics: Diagnostic[];
      try {
        // Undefined: outside every project, or ignored by git: nothing to publish, not even [].
        const computed = await this.compute(uri);
        if (computed === undefined) continue;
        diagnostics = computed;
      } catch (err) {
        this.connection.console.warn(`diagnostics of ${uri} failed: ${(err as Error).message}`);
        continue;
      }
      // Closed or edited meanwhile: a newer pass (scheduled by that event) publishes it.
      if (this.documents.get(uri)?.version !== version) continue;
      // The version is part of the key: a file published unopened is published again on open.
      const key = `${version}\0${JSON.stringify(diagnostics)}`;
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      await this.send({ uri, version, diagnostics });
    }
    let all: Map<string, { diagnostics: Diagnostic[] }>;
    try {
      all = await this.computeAll();
    } catch (err) {
      this.connection.console.warn(`workspace diagnostics failed: ${(err as Error).message}`);
      return;
    }
    for (const [uri, { diagnostics }] of all) {
      if (this.documents.get(uri)) continue;
      const key = `-\0${JSON.stringify(diagnostics)}`;
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      await this.send({ uri, diagnostics });
    }
    // Files not open whose findings are gone: clear what the client still shows.
    for (const uri of [...this.published.keys()]) {
      if (this.documents.get(uri) || all.has(uri)) continue;
      this.published.delete(uri);
      await this.send({ uri, diagnostics: [] });
    }
  }

  // After shutdown the connection may be gone: a pass still under way publishes nothing more
  // (its warnings the server's log drops after shutdown, start-server.ts).
  private async send(params: PublishDiagnosticsParams): Promise<void> {
    if (!this.disposed) await this.connection.sendDiagnostics(params);
  }
}
