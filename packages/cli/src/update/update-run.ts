import type { UpdateConfig } from '@slipway/policy-core';

/** One `slipway update` invocation: its inputs, and what it answers. */
export interface UpdateRun {
  root: string;
  config: UpdateConfig;
  profile: string;
  env: Record<string, string | undefined>;
  dryRun: boolean;
  now: () => Date;
  /** Progress and warnings (stderr). The outcome's `line` is the one line for the journal (stdout). */
  log: (line: string) => void;
}

export interface UpdateOutcome {
  exitCode: 0 | 1;
  line: string;
}
