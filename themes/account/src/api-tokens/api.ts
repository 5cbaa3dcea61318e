import type { KeycloakContext } from "@keycloak/keycloak-ui-shared";

/** A token as GET /tokens lists it; {@code token} only in the answers of create and rotate. */
export type ApiToken = {
  key: string;
  name: string;
  scopes: string[];
  state: "ACTIVE" | "DISABLED";
  /** An admin disabled it: only an admin can activate it again. */
  disabledByAdmin: boolean;
  expired: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  token?: string;
};

export type IssuedToken = ApiToken & { token: string };

export type Policy = {
  maxLifetimeDays: number;
  expiryRequired: boolean;
  defaultLifetimeDays: number;
  maxTokensPerUser: number;
  availableScopes: string[];
  recentLoginMinutes: number;
};

export type ScopeInfo = { name: string; description: string | null };

export type NewToken = { name: string; expiresAt?: string | null; scopes: string[] };

/** A refusal of the REST API: its status and {error, error_description} (and max_age when it asks for a new sign-in). */
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

/** The self-service REST API of the extension, called with the console's own bearer token. */
export function tokensApi({ environment, keycloak }: KeycloakContext) {
  const base = `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/personal-api-tokens`;

  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    try {
      await keycloak.updateToken(30);
    } catch {
      await keycloak.login();
    }
    const response = await fetch(base + path, {
      method,
      signal,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${keycloak.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const maxAge = typeof json?.max_age === "number" ? json.max_age : undefined;
      throw new ApiError(response.status, json?.error ?? "", json?.error_description ?? "", maxAge);
    }
    return json as T;
  }

  return {
    list: (signal?: AbortSignal) => call<ApiToken[]>("GET", "/tokens", undefined, signal),
    create: (token: NewToken) => call<IssuedToken>("POST", "/tokens", token),
    setState: (key: string, state: ApiToken["state"]) =>
      call<ApiToken>("PATCH", `/tokens/${encodeURIComponent(key)}`, { state }),
    rotate: (key: string) => call<IssuedToken>("POST", `/tokens/${encodeURIComponent(key)}/rotate`),
    remove: (key: string) => call<void>("DELETE", `/tokens/${encodeURIComponent(key)}`),
    scopes: (signal?: AbortSignal) => call<ScopeInfo[]>("GET", "/scopes", undefined, signal),
    policy: (signal?: AbortSignal) => call<Policy>("GET", "/policy", undefined, signal),
  };
}

export type TokensApi = ReturnType<typeof tokensApi>;
