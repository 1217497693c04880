import { join } from 'node:path';
import { describeFamilyFixtures } from '../family-fixture-cases.js';

// The PATH cases beside the rules: protected paths, agent scopes and the policy surface on whole repositories.
describeFamilyFixtures('PATH', join(import.meta.dirname, 'fixtures'));
