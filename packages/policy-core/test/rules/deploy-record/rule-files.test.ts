import { REC_RULES } from '../../../src/rules/deploy-record/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('REC', REC_RULES);
