import { agentCapFamilyOf } from './facts/family.js';
import { AGT_RULES } from './rules.generated.js';

/** The AGT family: the caps on an agent's change (files, lines, dependencies, migrations, deletions). One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const agentCapFamily = agentCapFamilyOf(AGT_RULES);
