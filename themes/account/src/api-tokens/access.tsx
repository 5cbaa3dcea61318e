import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { createContext, useContext, useEffect, useState, type PropsWithChildren } from "react";

import { ApiError } from "@kcpat/shared";

import { tokensApi } from "./api";

export const API_TOKENS_PATH = "api-tokens";

/** "unknown" while asking, then whether the signed-in user holds the realm role personal-api-tokens. */
export type Access = "unknown" | "granted" | "denied";

const AccessContext = createContext<Access>("unknown");

export const useApiTokensAccess = () => useContext(AccessContext);

/**
 * Asks the server once (GET /policy answers 403 without the role). The account console's own access
 * token carries no realm roles (its client has no full scope), so the token cannot tell.
 */
export const ApiTokensAccessProvider = ({ children }: PropsWithChildren) => {
  const context = useEnvironment();
  const [access, setAccess] = useState<Access>("unknown");

  useEffect(() => {
    const controller = new AbortController();
    tokensApi(context)
      .policy(controller.signal)
      .then(() => setAccess("granted"))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setAccess(error instanceof ApiError && error.status === 403 ? "denied" : "granted");
      });
    return () => controller.abort();
  }, []);

  return <AccessContext.Provider value={access}>{children}</AccessContext.Provider>;
};
