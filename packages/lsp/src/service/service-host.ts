import type { OpenDocuments } from '../workspace/open-documents.js';
import type { FetchSettings } from './settings-store.js';
import type { StatusSink } from './status-reporter.js';

/**
 * What the language service asks of the program it runs in. The server passes its connection's
 * side of each (documents, `workspace/configuration`, `slipway/status`, the diagnostic refresh);
 * a test passes plain values. Nothing here is a `Connection`: the service is called in-process.
 */
export interface SlipwayServiceHost {
  /** The open buffers: the rules read them in place of the files on disk. */
  documents: OpenDocuments;
  /**
   * The client's `slipway` section for a scope (a workspace folder or a file), kept until
   * `configurationChanged`; absent (a client without `workspace/configuration`): the defaults.
   */
  fetchSettings?: FetchSettings;
  /** Each project's state once it changes, a log line and, for a bad state, a warning. */
  status: StatusSink;
  /**
   * Files other than the one edited may show different diagnostics now (a watched file, HEAD,
   * the policy): a pulling client pulls every file again, a push-only one is sent them.
   */
  refresh(): void;
  /**
   * Restricted Mode (an untrusted workspace): file-level findings on open files only, each folder
   * its own project read from disk, no git.
   */
  restricted?: boolean;
  /** `{id}` template for rule documentation links in diagnostics. */
  ruleDocs?: string;
  /**
   * The client pulls and can be asked to again: once edits settle, the other files' findings are
   * compared, and `refresh` is called when one differs (the client re-pulls the edited file itself).
   */
  crossFileRefresh?: boolean;
  /**
   * Told each time those findings have been compared after edits (`refresh` called first when one
   * differed): a host that waits on the service (tests) knows then that no refresh is coming for
   * the edits before, without waiting a guessed time.
   */
  crossFileCompared?: () => void;
  /** The server's version: the rule pages go-to-definition opens are written once per version. */
  version: string;
}
