import { join } from 'node:path';
import { describeFamilyFixtures } from '../family-fixture-cases.js';

// The REC cases beside the rules: each deploy record finding as a person reads it, on a whole repository.
describeFamilyFixtures('REC', join(import.meta.dirname, 'fixtures'));
