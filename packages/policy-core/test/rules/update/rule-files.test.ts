import { UPD_RULES } from '../../../src/rules/update/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('UPD', UPD_RULES);
