import { AUD_RULES } from '../../../src/rules/audit-log/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('AUD', AUD_RULES);
