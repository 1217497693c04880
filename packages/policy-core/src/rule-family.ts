// The rule families and how a rule id names its family: what modules below the rules need to
// know about rule ids (the guard's summary groups findings by family) without the rule contract.

export type RuleFamilyId =
  | 'PATH'
  | 'BR'
  | 'DEP'
  | 'MIG'
  | 'DB'
  | 'REC'
  | 'AUD'
  | 'UPD'
  | 'POL'
  | 'SUP'
  | 'AGT'
  | 'COV';

/** The folder of each family's rules under `src/rules/`. */
export const FAMILY_DIRS: Record<RuleFamilyId, string> = {
  POL: 'policy',
  PATH: 'paths',
  BR: 'branches',
  DEP: 'dependencies',
  MIG: 'migrations',
  DB: 'database',
  REC: 'deploy-record',
  AUD: 'audit-log',
  UPD: 'update',
  SUP: 'suppressions',
  AGT: 'agents',
  COV: 'not-judged',
};

/** The family prefix of a rule id: `MIG` for `MIG001`. */
export function familyOfRuleId(id: string): string {
  return id.replace(/\d+$/, '');
}
