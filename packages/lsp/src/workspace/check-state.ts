import { type Finding, groupByFile, RULE_IDS, ZERO_RANGE } from '@slipway/policy-core';

/** What a check of a project found. */
export type ComputedState =
  | {
      kind: 'ok';
      policyFile: string;
      findings: Finding[];
      byFile: Map<string, Finding[]>;
      filesChecked: number;
      /** Rule families that crashed (see runCheck's failures), one line each; the rest was checked. */
      failed?: string[];
    }
  | { kind: 'invalid-policy'; policyFile: string; findings: Finding[]; byFile: Map<string, Finding[]> }
  | { kind: 'no-policy'; findings: []; byFile: Map<string, Finding[]> }
  | { kind: 'failed'; message: string; findings: []; byFile: Map<string, Finding[]> };

/** The last check of a project, as the handlers need it. */
export type CheckState = ComputedState & {
  /** Open buffers' versions when the check read them (repo path → version). */
  versions: ReadonlyMap<string, number>;
};

export { groupByFile };

/** No policy can govern the check (the base's cannot be read or parsed): one POL001, nothing else checked. */
export function ungovernedState(policyFile: string, message: string): ComputedState {
  const findings = [
    {
      rule: RULE_IDS.invalidPolicy,
      severity: 'error' as const,
      message,
      file: policyFile,
      range: ZERO_RANGE,
    },
  ];
  return { kind: 'invalid-policy', policyFile, findings, byFile: groupByFile(findings) };
}

/** One line for the status item and the output channel. */
export function describeState(state: CheckState): string {
  switch (state.kind) {
    case 'ok': {
      const errors = state.findings.filter((f) => f.severity === 'error').length;
      const warnings = state.findings.filter((f) => f.severity === 'warning').length;
      const failed = state.failed?.length ? `; ${state.failed.join('; ')}` : '';
      return `${state.policyFile}: ${errors} error(s), ${warnings} warning(s) in ${state.filesChecked} file(s) checked${failed}`;
    }
    case 'invalid-policy': {
      const first = state.findings[0];
      const where = first ? `:${first.range.start.line + 1}:${first.range.start.character + 1}` : '';
      return `${state.policyFile}${where} is invalid (${first?.message ?? RULE_IDS.invalidPolicy}); other files are not checked until it is fixed`;
    }
    case 'no-policy':
      return 'no slipway.yaml or slipway.toml at the repository root; run `slipway init` to write one';
    case 'failed':
      return `the check failed: ${state.message}`;
  }
}

/** An error's stack (for the log), or its text. */
export function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
