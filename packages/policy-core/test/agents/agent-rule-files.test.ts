import { AGT_RULES } from '../../src/rules/agents/rules.generated.js';
import { describeRuleFiles } from '../rules/rule-files.js';

// Beside the agents' tests, which judge the AGT family in a mutation run of src/rules/agents.
describeRuleFiles('AGT', AGT_RULES);
