import { type UpdateConfig, channelName } from './update-config.js';

/** The update policy's environment overrides, in the order they are applied. */
export const UPDATE_ENV_VARS = ['BOT_AUTO_UPDATE', 'BOT_UPDATE_INTERVAL', 'BOT_UPDATE_CHANNEL'] as const;
export type UpdateEnvVar = (typeof UPDATE_ENV_VARS)[number];

/** The config key each variable overrides (for pointing a finding at that key). */
export const ENV_OVERRIDES_KEY: Record<UpdateEnvVar, keyof UpdateConfig> = {
  BOT_AUTO_UPDATE: 'enabled',
  BOT_UPDATE_INTERVAL: 'interval_minutes',
  BOT_UPDATE_CHANNEL: 'channel',
};

export interface EnvOverrideProblem {
  variable: UpdateEnvVar;
  value: string;
  message: string;
}

export interface EnvOverrides {
  overrides: Partial<Pick<UpdateConfig, 'enabled' | 'interval_minutes' | 'channel'>>;
  problems: EnvOverrideProblem[];
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/**
 * Reads BOT_AUTO_UPDATE, BOT_UPDATE_INTERVAL and BOT_UPDATE_CHANNEL. An empty variable counts
 * as unset (the usual `VAR=` shell idiom); anything unparseable is a problem, never a guess.
 */
export function readEnvOverrides(env: Readonly<Record<string, string | undefined>>): EnvOverrides {
  const overrides: EnvOverrides['overrides'] = {};
  const problems: EnvOverrideProblem[] = [];
  const auto = env.BOT_AUTO_UPDATE?.trim();
  if (auto) {
    const v = auto.toLowerCase();
    if (TRUE.has(v)) overrides.enabled = true;
    else if (FALSE.has(v)) overrides.enabled = false;
    else
      problems.push({
        variable: 'BOT_AUTO_UPDATE',
        value: auto,
        message: `BOT_AUTO_UPDATE="${auto}" is not a switch: use 1 or 0 (true/false, yes/no, on/off)`,
      });
  }
  const interval = env.BOT_UPDATE_INTERVAL?.trim();
  if (interval) {
    const n = /^\d+$/.test(interval) ? Number(interval) : Number.NaN;
    if (Number.isInteger(n) && n >= 1 && n <= 7 * 24 * 60) overrides.interval_minutes = n;
    else
      problems.push({
        variable: 'BOT_UPDATE_INTERVAL',
        value: interval,
        message: `BOT_UPDATE_INTERVAL="${interval}" is not a whole number of minutes between 1 and 10080`,
      });
  }
  const channel = env.BOT_UPDATE_CHANNEL?.trim();
  if (channel) {
    const parsed = channelName.safeParse(channel);
    if (parsed.success) overrides.channel = parsed.data;
    else
      problems.push({
        variable: 'BOT_UPDATE_CHANNEL',
        value: channel,
        message: `BOT_UPDATE_CHANNEL="${channel}" is not a branch name: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      });
  }
  return { overrides, problems };
}

/** The config with valid overrides applied; invalid ones are left out (and reported). */
export function applyEnvOverrides(
  config: UpdateConfig,
  env: Readonly<Record<string, string | undefined>>,
): { config: UpdateConfig; problems: EnvOverrideProblem[] } {
  const { overrides, problems } = readEnvOverrides(env);
  return { config: { ...config, ...overrides }, problems };
}
