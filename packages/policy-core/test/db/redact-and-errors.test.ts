import { connectionTarget, describeDbError, redactUrl, scrubSecrets } from '@slipway/policy-core/node';
import { describe, expect, it } from 'vitest';

describe('redactUrl', () => {
  it('replaces the password in the userinfo and in parameters', () => {
    expect(redactUrl('postgresql://app:s3cret@db.internal:6543/app?sslmode=require')).toBe(
      'postgresql://app:***@db.internal:6543/app?sslmode=require',
    );
    expect(redactUrl('postgres://app@h/db?password=s3cret')).toBe('postgres://app@h/db?password=***');
  });

  it('keeps URLs without a password as they are', () => {
    expect(redactUrl('postgresql://app@127.0.0.1:5432/app')).toBe('postgresql://app@127.0.0.1:5432/app');
    expect(redactUrl('pglite:///var/lib/app/db')).toBe('pglite:///var/lib/app/db');
  });

  it('redacts by hand when the URL does not parse', () => {
    expect(redactUrl('postgresql://app:s3cret@host:notaport/db')).toBe(
      'postgresql://app:***@host:notaport/db',
    );
  });
});

describe('redactUrl on malformed shapes', () => {
  // Each shape once printed its password verbatim: the value is masked by shape, not by parse.
  const shapes: [string, string][] = [
    ['postgresql:/postgres:SekretQ@127.0.0.1:55477/dev', 'postgresql:/postgres:***@127.0.0.1:55477/dev'],
    ['postgresql:postgres:SekretQ@127.0.0.1:55477/dev', 'postgresql:postgres:***@127.0.0.1:55477/dev'],
    ['postgres:///postgres:SekretQ@h/dev', 'postgres:///postgres:***@h/dev'],
    ['postgresql://u:Sek/ret@Q@h:1/dev', 'postgresql://u:***@h:1/dev'],
    ['mysql://u:SekretQ@h/db', 'mysql://u:***@h/db'],
    ['u:SekretQ@h:5432/db', 'u:***@h:5432/db'],
    ["host=h user=u password='Sekret Q' dbname=d", 'host=h user=u password=*** dbname=d'],
    ['host=h password=SekretQ dbname=d', 'host=h password=*** dbname=d'],
    ['postgresql://h/db?sslmode=require&PASSWORD=SekretQ', 'postgresql://h/db?sslmode=require&PASSWORD=***'],
  ];
  for (const [input, expected] of shapes) {
    it(`masks ${expected}`, () => {
      expect(redactUrl(input)).toBe(expected);
      expect(redactUrl(input)).not.toMatch(/Sekret/);
      expect(scrubSecrets(`echo ${input}`, input)).not.toMatch(/Sekret/);
    });
  }
});

describe('scrubSecrets', () => {
  it('removes raw and percent-decoded passwords from any text', () => {
    const url = 'postgresql://app:p%40ss@h/db';
    expect(scrubSecrets('auth failed for p@ss and p%40ss', url)).toBe('auth failed for *** and ***');
  });
});

describe('describeDbError', () => {
  const url = 'postgresql://app:hunter2@10.1.2.3:6543/app';

  it('gives host, port and reason for network failures', () => {
    expect(
      describeDbError(
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        'prod',
        url,
      ),
    ).toBe(
      'prod: cannot connect to 10.1.2.3:6543: connection refused (is the server running and listening there?)',
    );
    expect(describeDbError(new Error('Connection terminated due to connection timeout'), 'prod', url)).toBe(
      'prod: cannot connect to 10.1.2.3:6543: connection timed out (the server did not answer)',
    );
  });

  it('keeps the server message for authentication failures, without the password', () => {
    const err = Object.assign(new Error('password authentication failed for user "app" (hunter2)'), {
      code: '28P01',
    });
    expect(describeDbError(err, 'prod', url)).toBe(
      'prod: cannot connect to 10.1.2.3:6543: password authentication failed for user "app" (***)',
    );
  });

  it('reports statement errors with their SQLSTATE, first line only', () => {
    const err = Object.assign(new Error('permission denied for table alembic_version\nDETAIL: x'), {
      code: '42501',
    });
    expect(describeDbError(err, 'dev', url)).toBe(
      'dev: permission denied for table alembic_version (SQLSTATE 42501)',
    );
  });

  it('fills in default host and port', () => {
    expect(connectionTarget('postgresql:///app')).toEqual({ host: 'localhost', port: '5432' });
    expect(connectionTarget('postgresql://[::1]:5433/app')).toEqual({ host: '::1', port: '5433' });
  });
});
