import { scrubSecrets } from './redact-url.js';

/** Where a PostgreSQL URL points, for error lines: host and port, defaults filled in. */
export function connectionTarget(url: string): { host: string; port: string } {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return { host: host.replace(/^\[|\]$/g, ''), port: u.port || '5432' };
  } catch {
    return { host: '(unparsable URL)', port: '?' };
  }
}

interface DriverError {
  code?: string;
  message?: string;
  errno?: number;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening there?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
};

/** PostgreSQL error classes that mean "could not get in", as opposed to a failed statement. */
const CONNECT_SQLSTATES = new Set(['28000', '28P01', '3D000', '57P03', '53300', '08001', '08004', '08006']);

/**
 * One line for a database error: `prod: cannot connect to 127.0.0.1:5432: connection refused`
 * for connection problems, `prod: <server message>` otherwise. Never contains the password.
 */
export function describeDbError(err: unknown, name: string, url: string): string {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as DriverError;
  const raw = (e.message ?? String(err)).split('\n')[0]!.trim();
  const code = e.code ?? '';
  let line: string;
  if (url.startsWith('pglite:')) {
    line = `${name}: ${raw}${code ? ` (SQLSTATE ${code})` : ''}`;
  } else if (
    code in NETWORK_REASONS ||
    CONNECT_SQLSTATES.has(code) ||
    /timeout|terminated|connect/i.test(raw)
  ) {
    const { host, port } = connectionTarget(url);
    const timedOut = /timeout|timed out/i.test(raw);
    const reason =
      NETWORK_REASONS[code] ?? (timedOut ? 'connection timed out (the server did not answer)' : raw || code);
    line = `${name}: cannot connect to ${host}:${port}: ${reason}`;
  } else {
    line = `${name}: ${raw}${code ? ` (SQLSTATE ${code})` : ''}`;
  }
  return scrubSecrets(line, url);
}
