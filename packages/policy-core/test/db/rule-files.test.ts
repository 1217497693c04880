import { DB_RULES } from '../../src/rules/database/rules.generated.js';
import { describeRuleFiles } from '../rules/rule-files.js';

// Beside the database tests, which judge the DB family in a mutation run of src/rules/database.
describeRuleFiles('DB', DB_RULES);
