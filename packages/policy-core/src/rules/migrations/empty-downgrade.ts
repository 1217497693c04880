import type { Finding } from '../../finding.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import { changesSchema } from '../../migrations/schema-op.js';
import { finding, type MigRule } from './mig-facts.js';

/** MIG110: `downgrade()` empty while `upgrade()` changes the schema. */
export const emptyDowngrade: MigRule = {
  meta: {
    id: 'MIG110',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'empty downgrade',
    description:
      '`downgrade()` is empty (`pass`) or missing while `upgrade()` changes the schema: `alembic downgrade` then ' +
      'reports success and changes nothing, and the database no longer matches its recorded revision. Write the ' +
      'inverse operations, or make irreversibility explicit with ' +
      '`raise NotImplementedError("irreversible: why")`, which Slipway accepts.',
  },
  checkModule(m: MigrationModule): Finding[] {
    const out: Finding[] = [];
    {
      // Data-only upgrades (UPDATE ... WHERE, INSERT, bulk_insert) change no schema to undo.
      if (m.upgrade?.shape !== 'ops' || !m.upgrade.ops.some(changesSchema)) return out;
      const down = m.downgrade;
      if (!down) {
        out.push(
          finding(
            emptyDowngrade.meta,
            m.path,
            m.upgrade.range,
            'upgrade() changes the schema but there is no downgrade(); add one that reverses it, or one that raises NotImplementedError("irreversible: why").',
          ),
        );
      } else if (down.shape === 'empty') {
        out.push(
          finding(
            emptyDowngrade.meta,
            m.path,
            down.range,
            'downgrade() does nothing while upgrade() changes the schema; write the inverse operations, or raise NotImplementedError("irreversible: why").',
          ),
        );
      } else if (down.shape === 'irreversible-without-reason') {
        out.push(
          finding(
            emptyDowngrade.meta,
            m.path,
            down.range,
            'downgrade() raises NotImplementedError without saying why; give the reason: raise NotImplementedError("irreversible: why").',
          ),
        );
      }
    }
    return out;
  },
};
