import { join } from 'node:path';
import { describeFamilyFixtures } from '../family-fixture-cases.js';

// The POL cases beside the rules: stale patterns, unknown settings and loosened policies on whole repositories.
describeFamilyFixtures('POL', join(import.meta.dirname, 'fixtures'));
