import type { Projects } from '../workspace/projects.js';
import type { SavedTraces } from '../workspace/saved-traces.js';
import type { PolicyTestRuns } from '../features/policy-tests.js';
import type { CrossFileRefresh } from './cross-file-refresh.js';
import type { GuardFindings } from './guard-findings.js';
import type { SlipwayServiceHost } from './service-host.js';
import type { SettingsStore } from './settings-store.js';
import type { StatusReporter } from './status-reporter.js';

/** What every part of the language service shares: the host and the workspace model over it. */
export interface ServiceState {
  host: SlipwayServiceHost;
  projects: Projects;
  settings: SettingsStore;
  /** The last deploy guard run from the editor, merged into diagnostics. */
  guard: GuardFindings;
  /** The policy test cases of each project, once run ("Run policy tests"): failing ones are diagnostics. */
  policyTests: PolicyTestRuns;
  /** The last trace of each work tree, for the hovers on traced statements. */
  traces: SavedTraces;
  status: StatusReporter;
  /** Set with `host.crossFileRefresh`: edits that change other files' findings call `host.refresh`. */
  crossFile?: CrossFileRefresh;
}
