import { PATH_RULES } from '../../../src/rules/paths/rules.generated.js';
import { describeRuleFiles } from '../rule-files.js';

describeRuleFiles('PATH', PATH_RULES);
