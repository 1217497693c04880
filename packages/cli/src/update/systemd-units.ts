/**
 * The systemd service and timer that run `slipway update` every interval_minutes. The service
 * is a oneshot under the bot's own user (the updater must never hold more rights than the bot); the timer starts it after boot and then every interval.
 */
export interface UnitOptions {
  unit: string;
  root: string;
  profile: string;
  intervalMinutes: number;
  node: string;
  slipway: string;
  user?: string;
}

/** `%` starts a specifier in every systemd setting; a literal one is written `%%`. */
const literal = (text: string) => text.replace(/%/g, '%%');

/** systemd's own quoting for ExecStart words: double quotes, with \ and " escaped, % doubled. */
function quoteWord(word: string): string {
  const escaped = literal(word);
  if (/^[A-Za-z0-9_./:@=+-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function serviceUnit(o: UnitOptions): string {
  const exec = [o.node, o.slipway, 'update', '--profile', o.profile, '--repo', o.root]
    .map(quoteWord)
    .join(' ');
  return [
    '[Unit]',
    `Description=Slipway self-update of ${literal(o.root)} (profile ${o.profile})`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    ...(o.user ? [`User=${o.user}`] : []),
    // A path setting, not a command line: the whole value is the path, quotes would be part of it.
    `WorkingDirectory=${literal(o.root)}`,
    `ExecStart=${exec}`,
    // Updates can take a while (backup, tests, health wait) but must never hang forever.
    'TimeoutStartSec=1h',
    '',
  ].join('\n');
}

export function timerUnit(o: UnitOptions): string {
  // Spread the checks of many servers so they do not all hit the git remote at once.
  const jitter = Math.max(1, Math.min(5, Math.floor(o.intervalMinutes / 10)));
  return [
    '[Unit]',
    `Description=Run ${o.unit}.service every ${o.intervalMinutes} minute(s)`,
    '',
    '[Timer]',
    'OnBootSec=5min',
    `OnUnitActiveSec=${o.intervalMinutes}min`,
    `RandomizedDelaySec=${jitter}min`,
    `Unit=${o.unit}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
}
