import { useEffect, useState } from "react";

import { errorMessage, type TokenRoles } from "@kcpat/shared";

import type { TokensApi } from "./api";

/** The roles the user may give a token, as far as they are known. */
export type ChoosableRoles =
  | { kind: "off" }
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; roles: TokenRoles };

/**
 * GET …/roles when the dialog opens and the policy offers roles ({@code enabled}): asked afresh each time, as the
 * user's roles may have changed since the page loaded.
 */
export function useChoosableRoles(api: TokensApi, enabled: boolean): ChoosableRoles {
  const [roles, setRoles] = useState<ChoosableRoles>({ kind: enabled ? "loading" : "off" });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    api
      .roles(controller.signal)
      .then((answer) => setRoles({ kind: "ready", roles: answer }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setRoles({ kind: "failed", message: errorMessage(error, String(error)) });
      });
    return () => controller.abort();
  }, [api, enabled]);

  return roles;
}
