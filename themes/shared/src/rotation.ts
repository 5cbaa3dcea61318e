/** The overlaps "Rotate" offers, in minutes: none (the old value stops at once), an hour, a day, a week. */
export const OVERLAP_CHOICES = [0, 60, 24 * 60, 7 * 24 * 60] as const;

/** The choices the realm's policy allows (maxRotationOverlapMinutes; unknown: all, and the server decides). */
export const overlapChoices = (maxRotationOverlapMinutes?: number) =>
  OVERLAP_CHOICES.filter((minutes) => maxRotationOverlapMinutes === undefined || minutes <= maxRotationOverlapMinutes);

/** The body of POST …/tokens/{key}/rotate: none for no overlap, as before issue 16. */
export const rotateBody = (overlapMinutes: number) => (overlapMinutes > 0 ? { overlapMinutes } : undefined);
