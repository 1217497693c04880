import { join } from 'node:path';
import { describeFamilyFixtures } from '../family-fixture-cases.js';

// The BR cases beside the rules: BR001's preset agents, BR003's npm workspaces and pyproject.toml edits.
describeFamilyFixtures('BR', join(import.meta.dirname, 'fixtures'));
