/** A day in the console's locale, e.g. "Dec 5, 2026". */
export function formatDate(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale || undefined, { dateStyle: "medium" }).format(new Date(iso));
}

/** A day and time in the console's locale. */
export function formatDateTime(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale || undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
