import { jsonClient, tokenCalls, type ApiToken, type Policy } from "@kcpat/shared";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";

/** A token as GET /admin/realms/{realm}/personal-api-tokens/tokens lists it: with its owner. */
export type AdminToken = ApiToken & { user: { id: string; username: string } };

/** GET/PUT /admin/realms/{realm}/personal-api-tokens/policy: what users see, and what only admins do. */
export type AdminPolicy = Policy & { exchangeClientId: string; reminderDays: number[] };

/**
 * The extension's admin REST API, called like the console's own requests: the admin client's base URL
 * and its (refreshed) access token.
 */
export function adminTokensApi(adminClient: KeycloakAdminClient, realm: string) {
  const call = jsonClient(
    `${adminClient.baseUrl.replace(/\/+$/, "")}/admin/realms/${encodeURIComponent(realm)}/personal-api-tokens`,
    () => adminClient.getAccessToken(),
  );

  return {
    ...tokenCalls<AdminToken>(call),
    list: (query: { search?: string; first: number; max: number }, signal?: AbortSignal) => {
      const params = new URLSearchParams({ first: String(query.first), max: String(query.max) });
      if (query.search) params.set("search", query.search);
      return call<AdminToken[]>("GET", `/tokens?${params}`, undefined, signal);
    },
    policy: (signal?: AbortSignal) => call<AdminPolicy>("GET", "/policy", undefined, signal),
    savePolicy: (policy: Record<string, unknown>) => call<AdminPolicy>("PUT", "/policy", policy),
  };
}

export type AdminTokensApi = ReturnType<typeof adminTokensApi>;
