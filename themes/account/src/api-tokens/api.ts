import { jsonClient, tokenCalls, type ApiToken, type IssuedToken, type Policy, type TokenRoles } from "@kcpat/shared";
import type { KeycloakContext } from "@keycloak/keycloak-ui-shared";

export type { ApiToken, IssuedToken, Policy, TokenRoles };

export type ScopeInfo = { name: string; description: string | null };

export type NewToken = {
  name: string;
  expiresAt?: string | null;
  scopes: string[];
  /** Left out: none chosen, the token carries what its scopes give. */
  roles?: TokenRoles;
  /** Left out or empty: usable from anywhere. */
  allowedIps?: string[];
};

/** The self-service REST API of the extension, called with the console's own bearer token. */
export function tokensApi({ environment, keycloak }: KeycloakContext) {
  const call = jsonClient(
    `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/personal-api-tokens`,
    async () => {
      try {
        await keycloak.updateToken(30);
      } catch {
        await keycloak.login();
      }
      return keycloak.token;
    },
  );

  return {
    ...tokenCalls<ApiToken>(call),
    list: (signal?: AbortSignal) => call<ApiToken[]>("GET", "/tokens", undefined, signal),
    create: (token: NewToken) => call<IssuedToken>("POST", "/tokens", token),
    scopes: (signal?: AbortSignal) => call<ScopeInfo[]>("GET", "/scopes", undefined, signal),
    /** The roles the user may give a token: their effective roles, minus those the policy forbids. */
    roles: (signal?: AbortSignal) => call<TokenRoles>("GET", "/roles", undefined, signal),
    policy: (signal?: AbortSignal) => call<Policy>("GET", "/policy", undefined, signal),
  };
}

export type TokensApi = ReturnType<typeof tokensApi>;
