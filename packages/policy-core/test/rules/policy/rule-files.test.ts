import { POL_RULES } from '../../../src/rules/policy/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('POL', POL_RULES);
