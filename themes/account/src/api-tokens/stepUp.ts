import type Keycloak from "keycloak-js";

import { ApiError, type RoleRef } from "@kcpat/shared";

/** The create dialog's fields as the user left them (roles and allowedIps: absent in a draft of an older page). */
export type Draft = {
  name: string;
  noExpiry: boolean;
  expiry: string;
  scopes: string[];
  roles?: RoleRef[];
  /** The allowlist as typed. */
  allowedIps?: string;
};

/** What the user was doing when the server asked for a more recent sign-in. */
export type Pending = { kind: "create"; draft: Draft } | { kind: "rotate"; key: string; overlapMinutes?: number };

const STORAGE_KEY = "kcpat.api-tokens.step-up";
const MARKER = "kcpat-step-up";

/** The server's step-up refusal (policy recentLoginMinutes): sign in again with its max_age, then retry. */
export const needsReauthentication = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.error === "reauthentication_required";

/**
 * Sends the user through Keycloak's login with max_age, back to this page with a marker; the page then
 * picks up what was pending. sessionStorage: this tab only, gone when it closes; never a token value.
 */
export async function reauthenticate(keycloak: Keycloak, pending: Pending, error: ApiError) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  const back = new URL(window.location.href);
  back.searchParams.set(MARKER, "1");
  await keycloak.login({ maxAge: error.maxAge ?? 0, redirectUri: back.toString() });
}

/** What was pending before the sign-in, once, when the page is back from it; anything older is dropped. */
export function takePending(): Pending | undefined {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  const url = new URL(window.location.href);
  if (!url.searchParams.has(MARKER)) return undefined;
  url.searchParams.delete(MARKER);
  window.history.replaceState(window.history.state, "", url.toString());
  try {
    return stored ? (JSON.parse(stored) as Pending) : undefined;
  } catch {
    return undefined;
  }
}
