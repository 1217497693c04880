import { auditEventJsonSchema, deployRecordJsonSchema, parseDeployRecord } from '@slipway/policy-core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { isTimestamp } from '../../src/deploy/timestamp.js';

/** A validator as editors and CI tools run it: draft 2020-12, strict, formats checked. */
function validator(schema: Record<string, unknown>) {
  const ajv = new Ajv2020.default({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const SHA = 'a'.repeat(40);

describe('generated JSON Schemas', () => {
  const validate = validator(deployRecordJsonSchema());

  it('accept the seed record and reject a short SHA, as the zod schema does', () => {
    expect(validate({ last_good_sha: SHA, deployed_at: '2025-01-27T14:03:00Z' })).toBe(true);
    expect(validate({ last_good_sha: 'abc', deployed_at: '2025-01-27T14:03:00Z' })).toBe(false);
    expect(validate({ last_good_sha: SHA, deployed_at: '2025-01-27T14:03:00Z', extra: 1 })).toBe(false);
    expect(validate({ last_good_sha: SHA, deployed_at: '2025-01-27 14:03' })).toBe(false);
  });

  it('reject the timestamps the CLI rejects, with and without format checking', () => {
    const noFormats = new Ajv2020.default({ strict: false, validateFormats: false }).compile(
      deployRecordJsonSchema(),
    );
    for (const t of ['2025-13-01T10:00:00Z', '2025-01-27T25:00:00Z', '2025-01-27T10:00:00+99:99']) {
      // The pattern alone carries the field ranges: format is only an annotation to some tools.
      expect(noFormats({ last_good_sha: SHA, deployed_at: t }), t).toBe(false);
      expect(validate({ last_good_sha: SHA, deployed_at: t }), t).toBe(false);
    }
    // The calendar needs `format`.
    expect(validate({ last_good_sha: SHA, deployed_at: '2025-02-30T10:00:00Z' })).toBe(false);
    const props = deployRecordJsonSchema().properties as Record<string, Record<string, unknown>>;
    expect(props.deployed_at).toMatchObject({ format: 'date-time', pattern: expect.any(String) });
  });

  it('accept exactly the timestamps the CLI accepts (ajv-formats date-time + the pattern)', () => {
    const record = deployRecordJsonSchema() as { properties: Record<string, object> };
    const event = auditEventJsonSchema() as { properties: Record<string, object> };
    const checks = [
      validator({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        ...record.properties.deployed_at,
      }),
      validator({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...event.properties.time }),
    ];
    const disagree: string[] = [];
    let tried = 0;
    for (const date of ['2016-12-31', '2024-02-29', '2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10'])
      for (const time of ['00:00:00', '23:59:59', '23:59:60', '00:59:60', '18:29:60', '12:00:60', '24:00:00'])
        for (const frac of ['', '.5', '.1234567891'])
          for (const offset of [
            'Z',
            'z',
            '+00:00',
            '-00:00',
            '+01:00',
            '-05:30',
            '+23:59',
            '+24:00',
            '+01:60',
            '',
          ])
            for (const sep of ['T', 't', ' ']) {
              const t = `${date}${sep}${time}${frac}${offset}`;
              tried++;
              const cli = isTimestamp(t);
              const zod =
                parseDeployRecord(JSON.stringify({ last_good_sha: SHA, deployed_at: t })).problems.length ===
                0;
              for (const check of checks) if (check(t) !== cli || zod !== cli) disagree.push(t);
            }
    expect(tried).toBeGreaterThan(3000);
    expect(disagree).toEqual([]);
  });

  it('describe an audit event', () => {
    const schema = auditEventJsonSchema() as { required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining(['v', 'time', 'event', 'from', 'to', 'actor', 'outcome', 'prev']),
    );
    expect(schema).toMatchObject({ $id: expect.stringContaining('audit-event'), title: expect.any(String) });
  });

  it('name themselves first: the draft, the file they are published as, and what they describe', () => {
    for (const [schema, file, title] of [
      [deployRecordJsonSchema(), 'deploy-record.schema.json', 'Slipway deploy record'],
      [auditEventJsonSchema(), 'audit-event.schema.json', 'Slipway audit log event'],
    ] as const) {
      expect(Object.keys(schema).slice(0, 3)).toEqual(['$schema', '$id', 'title']);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(String(schema.$id).endsWith(`/${file}`)).toBe(true);
      expect(String(schema.title).startsWith(title)).toBe(true);
    }
  });
});
