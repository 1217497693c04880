import { afterEach } from 'vitest';

/**
 * One turn of the event loop after every test. Tests that run the CLI with spawnSync keep the
 * worker's loop busy from one test to the next (awaits between tests are microtasks), so the
 * reply to the worker's task-update RPC waits unread; past 60 s in all, vitest fails the run with
 * `Timeout calling "onTaskUpdate"` although every test passed. A macrotask turn lets the loop
 * read that reply between tests, so only a single test longer than 60 s could still hit it.
 */
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
