import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { MigFileRule } from './facts/mig-facts.js';
import { timeZoneExample } from './facts/examples.js';
import { revisionRange } from './facts/revision-location.js';
import { suppressDocs } from './facts/lock-docs.js';

/**
 * A leading token of a file name that looks like a revision id: hex or digits, 4+ characters.
 * An all-digit token next to a revision that is not all digits is a date or sequence number from
 * a `file_template` without `%(rev)s` (`20240101_add_users.py`), not a stale revision id.
 */
function leadingId(path: string, rev: string): string | undefined {
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const token = stem.split(/[_-]/)[0] ?? '';
  if (/^[0-9]+$/.test(token) && !/^[0-9]+$/.test(rev)) return undefined;
  return /^[0-9a-f]{4,}$/i.test(token) ? token : undefined;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** MIG104: docstring header or file name disagrees with the revision variables. */
export const headerOutOfStep: MigFileRule = {
  id: 'MIG104',
  name: 'header-out-of-step',
  family: 'MIG',
  facts: 'migration-file',
  defaultSeverity: 'warning',
  title: 'docstring header or file name out of step',
  docs: {
    what:
      'The docstring header (`Revision ID:`, `Revises:`) or the file name disagrees with the ' +
      '`revision` and `down_revision` variables.',
    why:
      "Alembic's template writes `Revision ID:` and `Revises:` into the docstring and the revision id " +
      'into the file name; Alembic itself only reads the variables. When someone edits ' +
      '`down_revision` (a rebase) and not the header, people reading `alembic history` or the file ' +
      'list are misled.',
    fix: 'Update the header or file name to match.',
    suppress: suppressDocs('MIG104'),
    examples: [
      timeZoneExample('flagged', {
        rev: '7d1e4a9b2c3f',
        down: '9f8e7d6c5b4a',
        headerRevises: '3b7c2e9d41a0',
      }),
      timeZoneExample('fine'),
    ],
  },
  check(file): Finding[] {
    if (file.kind !== 'module') return [];
    const m = file.module;
    const out: Finding[] = [];
    {
      const rev = m.revision?.value;
      if (rev === undefined) return out;
      const id = m.header.revisionId;
      if (id && id.value !== rev) {
        out.push(
          findingOf(
            headerOutOfStep,
            m.path,
            id.range,
            `docstring says "Revision ID: ${id.value}" but revision is "${rev}"; make them match.`,
          ),
        );
      }
      const revises = m.header.revises;
      const down = m.downRevision;
      if (revises && down && !down.dynamic && !sameSet(revises.value, down.values)) {
        const want = down.values.length ? down.values.join(', ') : '(none)';
        out.push(
          findingOf(
            headerOutOfStep,
            m.path,
            revises.range,
            `docstring says "Revises: ${revises.value.join(', ')}" but down_revision is ${want}; update the header to match down_revision.`,
          ),
        );
      }
      const token = leadingId(m.path, rev);
      if (token && !m.path.slice(m.path.lastIndexOf('/') + 1).includes(rev)) {
        out.push(
          findingOf(
            headerOutOfStep,
            m.path,
            revisionRange(m),
            `file name starts with "${token}" but the revision is "${rev}"; rename the file or fix the revision id.`,
          ),
        );
      }
    }
    return out;
  },
};
