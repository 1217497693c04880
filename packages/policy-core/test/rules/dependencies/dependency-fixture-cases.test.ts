import { join } from 'node:path';
import { describeFamilyFixtures } from '../family-fixture-cases.js';

// The DEP cases beside the rules: each rule's message as a person reads it, on a whole repository.
describeFamilyFixtures('DEP', join(import.meta.dirname, 'fixtures'));
