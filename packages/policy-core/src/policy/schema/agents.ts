import * as z from 'zod/mini';
import { described, nonEmpty, patternList } from './common.js';

/** Agent branches, identities and the allow-list of what agents may edit. */
export const agentsSection = z.strictObject({
  branches: described(
    z._default(patternList, ['auto/*']),
    'Branch name patterns where agents work (`*` does not cross `/`).',
  ),
  identities: described(
    z._default(z.array(nonEmpty()), []),
    'Agent committer/author e-mails or names; `*` is the only wildcard.',
  ),
  accounts: described(
    z._default(z.array(nonEmpty()), []),
    'GitHub logins of agents (`*` is the only wildcard): a label they apply does not count under `labels.verify: github`.',
  ),
  allowed: described(
    z._default(patternList, []),
    'gitignore-style patterns agents may edit on their branches.',
  ),
  dependency_branch: described(
    z._default(z.string(), 'auto/dependency-upgrade-YYYYMMDD-NNN'),
    'Name agents must use for dependency upgrades; YYYYMMDD is a date, NNN a number.',
  ),
});
