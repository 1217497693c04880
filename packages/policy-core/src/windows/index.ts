export * from './cron-rule.js';
export type * from './recurrence.js';
export * from './window-config.js';
export * from './window-rule.js';
export * from './window-schedule.js';
export * from './window-text.js';
export * from './zoned-time.js';
