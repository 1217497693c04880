import { join } from 'node:path';
import { describeFamilyFixtures } from '../family-fixture-cases.js';

// The AUD cases beside the rules: each audit log finding as a person reads it, on a whole repository.
describeFamilyFixtures('AUD', join(import.meta.dirname, 'fixtures'));
