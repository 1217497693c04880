import { COV_RULES } from '../../../src/rules/not-judged/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('COV', COV_RULES);
