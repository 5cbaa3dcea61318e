import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";

/** A token as GET /admin/realms/{realm}/personal-api-tokens/tokens lists it. */
export type AdminToken = {
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
  user: { id: string; username: string };
};

/** GET/PUT /admin/realms/{realm}/personal-api-tokens/policy. */
export type Policy = {
  maxLifetimeDays: number;
  expiryRequired: boolean;
  defaultLifetimeDays: number;
  maxTokensPerUser: number;
  availableScopes: string[];
  exchangeClientId: string;
  reminderDays: number[];
  recentLoginMinutes: number;
};

/** A refusal of the REST API: its status and {error, error_description}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description || error || `HTTP ${status}`);
    this.name = "ApiError";
  }
}

/**
 * The extension's admin REST API, called like the console's own requests: the admin client's base URL
 * and its (refreshed) access token.
 */
export function adminTokensApi(adminClient: KeycloakAdminClient, realm: string) {
  const base = `${adminClient.baseUrl.replace(/\/+$/, "")}/admin/realms/${encodeURIComponent(realm)}/personal-api-tokens`;

  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const token = await adminClient.getAccessToken();
    const response = await fetch(base + path, {
      method,
      signal,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      throw new ApiError(response.status, json?.error ?? "", json?.error_description ?? json?.errorMessage ?? "");
    }
    return json as T;
  }

  return {
    list: (query: { search?: string; first: number; max: number }, signal?: AbortSignal) => {
      const params = new URLSearchParams({ first: String(query.first), max: String(query.max) });
      if (query.search) params.set("search", query.search);
      return call<AdminToken[]>("GET", `/tokens?${params}`, undefined, signal);
    },
    setState: (key: string, state: AdminToken["state"]) =>
      call<AdminToken>("PATCH", `/tokens/${encodeURIComponent(key)}`, { state }),
    remove: (key: string) => call<void>("DELETE", `/tokens/${encodeURIComponent(key)}`),
    policy: (signal?: AbortSignal) => call<Policy>("GET", "/policy", undefined, signal),
    savePolicy: (policy: Record<string, unknown>) => call<Policy>("PUT", "/policy", policy),
  };
}

export type AdminTokensApi = ReturnType<typeof adminTokensApi>;

export function formatDate(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale || undefined, { dateStyle: "medium" }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale || undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
