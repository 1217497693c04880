import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openStopScope, STOP_SIGNALS } from '../../../src/node/deploy/stop-scope.js';

describe('openStopScope', () => {
  it('turns the first stop signal into `stop` and a second into `stopNow`', () => {
    const source = new EventEmitter();
    const scope = openStopScope(source);
    expect(scope.signal).toBeUndefined();
    expect(scope.stop.aborted).toBe(false);
    source.emit('SIGTERM', 'SIGTERM');
    expect(scope.signal).toBe('SIGTERM');
    expect(scope.stop.reason).toBe('SIGTERM');
    expect(scope.stopNow.aborted).toBe(false);
    source.emit('SIGINT', 'SIGINT');
    // The first signal is the one reported; the second only hurries the stop.
    expect(scope.signal).toBe('SIGTERM');
    expect(scope.stopNow.aborted).toBe(true);
    scope.close();
  });

  it('listens to SIGINT, SIGTERM and SIGHUP until closed, and not after', () => {
    const source = new EventEmitter();
    const scope = openStopScope(source);
    for (const s of STOP_SIGNALS) expect(source.listenerCount(s)).toBe(1);
    scope.close();
    // Closed: Node's default (exit on the signal) applies again.
    for (const s of STOP_SIGNALS) expect(source.listenerCount(s)).toBe(0);
    source.emit('SIGHUP', 'SIGHUP');
    expect(scope.signal).toBeUndefined();
  });
});
