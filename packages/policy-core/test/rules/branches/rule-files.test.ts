import { BR_RULES } from '../../../src/rules/branches/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('BR', BR_RULES);
