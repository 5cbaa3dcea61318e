import { rotateBody } from "./rotation";
import type { ApiToken, TokenState } from "./tokens";

/** A refusal of the REST API: its status and {error, error_description} (max_age when it asks for a new sign-in). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly maxAge?: number,
  ) {
    super(description || error || `HTTP ${status}`);
    this.name = "ApiError";
  }
}

/** What to show of a failed call: the server's description of a refusal, else {@code fallback}. */
export const errorMessage = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

export type Call = <T>(method: string, path: string, body?: unknown, signal?: AbortSignal) => Promise<T>;

/**
 * JSON over fetch to {@code base}, with the bearer token {@code accessToken} hands out (refreshed by the caller's
 * Keycloak client). A non-2xx answer becomes an {@link ApiError}; an answer that is no JSON counts as empty.
 */
export function jsonClient(base: string, accessToken: () => Promise<string | undefined>): Call {
  return async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    const response = await fetch(base + path, {
      method,
      signal,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${await accessToken()}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = parseJson(await response.text());
    if (!response.ok) {
      const maxAge = typeof json?.max_age === "number" ? json.max_age : undefined;
      // Keycloak's own refusals (e.g. 403 of the admin API) say errorMessage instead of error_description
      throw new ApiError(response.status, json?.error ?? "", json?.error_description ?? json?.errorMessage ?? "", maxAge);
    }
    return json as T;
  };
}

function parseJson(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The calls on one token that the self-service and the admin API answer alike. */
export const tokenCalls = <T extends ApiToken>(call: Call) => ({
  setState: (key: string, state: TokenState) => call<T>("PATCH", `/tokens/${encodeURIComponent(key)}`, { state }),
  remove: (key: string) => call<void>("DELETE", `/tokens/${encodeURIComponent(key)}`),
  /** A new value, shown once; the previous one keeps working for {@code overlapMinutes} (0: stops at once). */
  rotate: (key: string, overlapMinutes = 0) =>
    call<T & { token: string }>("POST", `/tokens/${encodeURIComponent(key)}/rotate`, rotateBody(overlapMinutes)),
});
