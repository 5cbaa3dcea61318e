import { jsonClient, tokenCalls, type ApiToken, type Policy } from "@kcpat/shared";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";

import { toQuery, type FilterParams, type TokenSort } from "./filters";

/** A token as GET /admin/realms/{realm}/personal-api-tokens/tokens lists it: with its owner. */
export type AdminToken = ApiToken & { user: { id: string; username: string } };

/** GET/PUT /admin/realms/{realm}/personal-api-tokens/policy: what users see, and what only admins do. */
export type AdminPolicy = Policy & { exchangeClientId: string; reminderDays: number[] };

export type BulkAction = "disable" | "delete" | "expire";

/** POST …/tokens/bulk: the chosen keys, or every token the filter matches. */
export type BulkRequest = { action: BulkAction; expiresAt?: string } & ({ keys: string[] } | { filter: FilterParams });

export type BulkFailure = { key: string; error: string; error_description: string };

/** A token already in the asked state counts as matched, not changed. */
export type BulkResult = { matched: number; changed: number; failed: BulkFailure[] };

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
    list: (filter: FilterParams, sort: TokenSort, page: { first: number; max: number }, signal?: AbortSignal) =>
      call<AdminToken[]>("GET", `/tokens?${toQuery(filter, { ...sort, ...page })}`, undefined, signal),
    count: (filter: FilterParams, signal?: AbortSignal) =>
      call<{ count: number }>("GET", `/tokens/count?${toQuery(filter)}`, undefined, signal).then((answer) => answer.count),
    bulk: (request: BulkRequest) => call<BulkResult>("POST", "/tokens/bulk", request),
    policy: (signal?: AbortSignal) => call<AdminPolicy>("GET", "/policy", undefined, signal),
    savePolicy: (policy: Record<string, unknown>) => call<AdminPolicy>("PUT", "/policy", policy),
  };
}

export type AdminTokensApi = ReturnType<typeof adminTokensApi>;
