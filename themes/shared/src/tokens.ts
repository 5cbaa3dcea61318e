/** A token as both REST APIs list it (GET …/personal-api-tokens/tokens); never its value. */
export type ApiToken = {
  key: string;
  name: string;
  scopes: string[];
  state: TokenState;
  /** Who disabled it, while it is disabled. */
  disabledBy: "owner" | "admin" | null;
  /** An admin disabled it: only an admin can activate it again. */
  disabledByAdmin: boolean;
  expired: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

export type TokenState = "ACTIVE" | "DISABLED";

/** The realm policy's fields both APIs answer with (GET …/personal-api-tokens/policy). */
export type Policy = {
  maxLifetimeDays: number;
  expiryRequired: boolean;
  defaultLifetimeDays: number;
  maxTokensPerUser: number;
  availableScopes: string[];
  recentLoginMinutes: number;
};

/** The state a toggle sets: disable an active token, activate a disabled one. */
export const toggledState = (token: ApiToken): TokenState => (token.state === "ACTIVE" ? "DISABLED" : "ACTIVE");
