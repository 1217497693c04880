// A waiver's last day, read one way for both kinds of waiver: a `# slipway: allow … until DAY`
// comment and an entry of the policy's `waivers` list (whose schema checks the day with it).

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a waiver written `until DAY` stops counting: the end of that day in UTC. Undefined
 * when DAY is not a real calendar day (2027-02-30, 31/01/2027, tomorrow).
 */
export function waiverEnd(day: string): Date | undefined {
  const m = ISO_DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(Date.UTC(y, mo - 1, d));
  if (start.getUTCFullYear() !== y || start.getUTCMonth() !== mo - 1 || start.getUTCDate() !== d)
    return undefined;
  return new Date(start.getTime() + 86_400_000);
}
