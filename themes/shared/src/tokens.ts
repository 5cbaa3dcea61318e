/** A token as both REST APIs list it (GET …/personal-api-tokens/tokens); never its value. */
export type ApiToken = {
  key: string;
  name: string;
  scopes: string[];
  state: TokenState;
  /** Who disabled it, while it is disabled: its owner, an admin, or the idle task (unused too long). */
  disabledBy: DisabledBy | null;
  /** An admin disabled it: only an admin can activate it again. */
  disabledByAdmin: boolean;
  expired: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** The client address of the last use, as Keycloak saw it. */
  lastUsedFrom: string | null;
  /** The door of the last use. */
  lastUsedDoor: Door | null;
  /** While a rotation's overlap lasts: when the previous value stops working; else null. */
  previousSecretExpiresAt: string | null;
  /** The previous value's last use during the overlap (null: not used since the rotation). */
  previousSecretLastUsedAt: string | null;
  previousSecretLastUsedFrom: string | null;
  /** When the idle task disables it unless it is used first; null when the policy never does or it is not active. */
  idleDisableAt: string | null;
  /** The roles its owner chose for it; null: none chosen, it carries what its scopes give. */
  roles: TokenRoles | null;
  /** Normalised addresses and CIDR ranges it may be used from; empty: from anywhere. */
  allowedIps: string[];
};

/**
 * Roles in the shape of a JWT's realm_access / resource_access: realm role names, and role names by clientId.
 * A token's chosen roles, the roles a user may choose (GET …/roles) and the policy's forbidden roles.
 */
export type TokenRoles = { realm: string[]; clients: Record<string, string[]> };

export type TokenState = "ACTIVE" | "DISABLED";

export type DisabledBy = "owner" | "admin" | "idle";

/** The doors a token is used through (README "Which door?"). */
export type Door = "exchange" | "token-exchange" | "forward-auth" | "verify" | "direct-grant";

/** The realm policy's fields both APIs answer with (GET …/personal-api-tokens/policy). */
export type Policy = {
  maxLifetimeDays: number;
  expiryRequired: boolean;
  defaultLifetimeDays: number;
  maxTokensPerUser: number;
  availableScopes: string[];
  recentLoginMinutes: number;
  /** Whether the create dialog offers roles to choose. */
  roleSelection: boolean;
  /** Roles no token may ever carry. */
  forbiddenRoles: TokenRoles;
  /** Every token must name the addresses it may be used from. */
  allowedIpsRequired: boolean;
  /** The widest IPv4 range an allowlist may hold, as a prefix length (0 = any). */
  allowedIpsMinPrefixIpv4: number;
  /** The widest IPv6 range an allowlist may hold, as a prefix length (0 = any). */
  allowedIpsMinPrefixIpv6: number;
  /** Tokens unused for this many days are disabled by the idle task; 0 = never. */
  disableAfterUnusedDays: number;
  /** Days before that disabling that the owner is warned by e-mail; 0 = no e-mail. */
  idleWarningDays: number;
  /** The longest overlap a rotation may keep the previous value working for; 0 = none. */
  maxRotationOverlapMinutes: number;
};

/** The state a toggle sets: disable an active token, activate a disabled one. */
export const toggledState = (token: ApiToken): TokenState => (token.state === "ACTIVE" ? "DISABLED" : "ACTIVE");
