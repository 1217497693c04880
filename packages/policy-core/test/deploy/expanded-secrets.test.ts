import { inspect } from 'node:util';
import { expandedValueRedactor, parsePolicyText, resolveEnvironment, Secret } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const doc = (environments: string) => {
  const parsed = parsePolicyText(`version: 1\ndeploy:\n  environments:\n${environments}`);
  if (!parsed.document) throw new Error(`invalid test policy: ${JSON.stringify(parsed)}`);
  return parsed.document;
};

const KEY = 'Zk3-9qP/w+x y~tail';

describe('Secret: every way of printing it gives the names', () => {
  const s = new Secret(`https://h.example/health?key=${KEY}`, `https://h.example/health?key=\${KEY}`);

  it('template literals, String(), JSON.stringify and util.inspect show the display form', () => {
    for (const text of [`${s}`, String(s), JSON.stringify({ url: s }), inspect({ url: s }), `${[s]}`]) {
      expect(text).not.toContain(KEY);
      expect(text).toContain(`\${KEY}`);
    }
  });

  it('near miss: reveal() gives the value, for the request', () => {
    expect(s.reveal()).toBe(`https://h.example/health?key=${KEY}`);
  });
});

describe('expandedValueRedactor', () => {
  const redact = expandedValueRedactor([
    { name: 'KEY', value: KEY },
    { name: 'PORT', value: '8443' },
    { name: 'BASE', value: 'https://svc:S3cr3tPass@Api.Internal.example:8443' },
  ]);

  it('finds the value as it is, percent-encoded in upper or lower case, and form-encoded', () => {
    for (const form of [
      KEY,
      encodeURIComponent(KEY),
      encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      new URLSearchParams({ k: KEY }).toString().slice(2),
      new URL(`http://h/?k=${KEY}`).search.slice(3),
    ])
      expect(redact(`got ${form} back`)).toBe(`got \${KEY} back`);
  });

  it('finds the value inside a Basic Authorization header at each of the three byte offsets', () => {
    for (const user of ['a', 'ab', 'abc']) {
      const header = `Basic ${Buffer.from(`${user}:${KEY}`).toString('base64')}`;
      expect(redact(`sent ${header}`)).toContain(`\${KEY}`);
      // What is left of the base64 is at most the characters that straddle the value's ends.
      const left = redact(header).replace('Basic ', '').replace(`\${KEY}`, '');
      expect(left.length).toBeLessThanOrEqual(Math.ceil(((user.length + 1) * 4) / 3) + 4);
    }
  });

  it("finds a URL-valued variable's password and host (normalised) on their own", () => {
    expect(redact('auth failed for S3cr3tPass')).toBe(`auth failed for \${BASE}`);
    expect(redact('redirect to https://svc:S3cr3tPass@api.internal.example:8443/x')).toBe(
      `redirect to \${BASE}/x`,
    );
    expect(redact('connecting to api.internal.example:8443')).toBe(`connecting to \${BASE}`);
  });

  it('near miss: a value shorter than the minimum ("8443") is not searched for in free text', () => {
    expect(redact('listening on 8443, 8443 requests')).toBe('listening on 8443, 8443 requests');
  });

  it('near miss: text that only shares a part of a value is unchanged', () => {
    expect(redact('Zk3-9qP and y~tail and svc and example')).toBe('Zk3-9qP and y~tail and svc and example');
  });
});

describe('resolveEnvironment shows health URLs as the policy writes them', () => {
  const env = {
    PROD_URL: 'https://prod.example:9443/app',
    HEALTH_KEY: KEY,
    PW: 'p%40ss-w0rd-long',
    V: '1',
  };
  const resolved = resolveEnvironment(
    doc(`    production:
      url: "\${PROD_URL}"
      health:
        - "/health?key=\${HEALTH_KEY}"
        - "https://probe:\${PW}@probe.example/deep"
        - "/v\${V}/ping"
        - "https://literal.example/status?cost=$5&who=$USER"
`),
    'production',
    env,
  );

  it('displays names, requests values', () => {
    expect(resolved.health.map((h) => h.url)).toEqual([
      `\${PROD_URL}/health?key=\${HEALTH_KEY}`,
      `https://probe:\${PW}@probe.example/deep`,
      `\${PROD_URL}/v\${V}/ping`,
      'https://literal.example/status?cost=$5&who=$USER',
    ]);
    expect(resolved.health.map((h) => h.request.reveal())).toEqual([
      new URL(`https://prod.example:9443/app/health?key=${KEY}`).href,
      'https://probe:p%40ss-w0rd-long@probe.example/deep',
      'https://prod.example:9443/app/v1/ping',
      'https://literal.example/status?cost=$5&who=$USER',
    ]);
    expect(JSON.stringify(resolved.health)).not.toMatch(/Zk3|p%40ss|prod\.example/);
  });

  it('names the short values the command output cannot be searched for', () => {
    expect(resolved.unsearched).toEqual(['V']);
  });

  it('a base URL that makes no URL: the error names the variables, not their values', () => {
    expect(() =>
      resolveEnvironment(
        doc(`    staging:\n      url: "\${BASE}"\n      health: ["/h?k=\${HEALTH_KEY}"]\n`),
        'staging',
        {
          BASE: 'not a url Zk3-secret',
          HEALTH_KEY: KEY,
        },
      ),
    ).toThrow(/health URL \$\{BASE\}\/h\?k=\$\{HEALTH_KEY\} is not a valid URL/);
  });
});

describe('resolveEnvironment names only the policy own environments', () => {
  it("an environment named after an Object property (a gate's delivery names any) is unknown, in one line", () => {
    const d = doc('    staging:\n      url: https://staging.example\n');
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(() => resolveEnvironment(d, name, {}), name).toThrow(
        new RegExp(`unknown environment "${name}"; the policy defines "staging"`),
      );
  });
});
