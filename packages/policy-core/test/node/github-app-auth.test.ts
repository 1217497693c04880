import { createHmac, generateKeyPairSync, verify } from 'node:crypto';
import { AppTokenError, appJwt, webhookSignature, webhookSignatureValid } from '@slipway/policy-core/node';
import { describe, expect, it } from 'vitest';

describe("webhookSignatureValid: is a delivery GitHub's", () => {
  const body = Buffer.from('{"action":"requested"}');
  const good = `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;

  it('accepts the HMAC-SHA256 of the raw bytes under the secret, as GitHub writes it', () => {
    expect(webhookSignatureValid('s3cret', body, good)).toBe(true);
    expect(webhookSignature('s3cret', body)).toBe(good);
    expect(webhookSignatureValid('s3cret', body, good.toUpperCase().replace('SHA256=', 'sha256='))).toBe(
      true,
    );
  });

  it('refuses every near miss: another secret, another body, a cut or padded digest, sha1, none, an empty secret', () => {
    expect(webhookSignatureValid('other', body, good)).toBe(false);
    expect(webhookSignatureValid('s3cret', Buffer.from('{"action":"requested"} '), good)).toBe(false);
    expect(webhookSignatureValid('s3cret', body, good.slice(0, -2))).toBe(false);
    expect(webhookSignatureValid('s3cret', body, `${good}00`)).toBe(false);
    expect(webhookSignatureValid('s3cret', body, good.replace('sha256=', 'sha1='))).toBe(false);
    expect(webhookSignatureValid('s3cret', body, good.replace('sha256=', ''))).toBe(false);
    expect(webhookSignatureValid('s3cret', body, undefined)).toBe(false);
    expect(
      webhookSignatureValid('', body, `sha256=${createHmac('sha256', '').update(body).digest('hex')}`),
    ).toBe(false);
  });
});

describe("appJwt: the App's proof of itself", () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('is RS256 over the App key, issued by the App a minute early, living nine minutes', () => {
    const now = Date.UTC(2026, 10, 28, 12, 0, 0);
    const jwt = appJwt({ appId: 'Iv1.abc', privateKey: pem }, now);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toEqual({
      iat: now / 1000 - 60,
      exp: now / 1000 + 540,
      iss: 'Iv1.abc',
    });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
  });

  it('a key that is not a private key is one line, not a stack', () => {
    expect(() => appJwt({ appId: '1', privateKey: 'not a key' }, 0)).toThrow(AppTokenError);
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => appJwt({ appId: '1', privateKey: pub }, 0)).toThrow(/private key/);
  });
});
