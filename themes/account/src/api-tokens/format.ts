/* The create dialog's expiry: picked days and the instant sent for them. */

const DAY = 24 * 60 * 60 * 1000;

/** yyyy-MM-dd of a local date, the DatePicker's format. */
export function toIsoDate(date: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function parseIsoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.getDate() === Number(match[3]) ? date : undefined;
}

export function daysFromToday(days: number) {
  const today = new Date();
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
}

/**
 * The instant sent as expiresAt for a picked day: that day at the current time of day, so that
 * "today + N days" is N days from now and never beyond the policy's maximum.
 */
export function expiryInstant(day: Date, maxLifetimeDays: number) {
  const now = new Date();
  const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), now.getHours(), now.getMinutes(), now.getSeconds());
  if (maxLifetimeDays > 0) {
    const latest = now.getTime() + maxLifetimeDays * DAY - 60_000;
    return new Date(Math.min(at.getTime(), latest)).toISOString();
  }
  return at.toISOString();
}
