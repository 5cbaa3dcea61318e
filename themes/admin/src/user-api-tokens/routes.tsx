import { lazy } from "react";

import type { AppRoute } from "../routes";

export const USER_API_TOKENS_PATH = "user-api-tokens";

export type UserApiTokensTab = "tokens" | "policy";

const UserApiTokensSection = lazy(() => import("./UserApiTokensSection"));

const handle: AppRoute["handle"] = { access: "query-users", breadcrumb: (t) => t("apiTokensUsersTitle") };

/** #/{realm}/user-api-tokens and #/{realm}/user-api-tokens/{tab}. */
export const userApiTokensRoutes: AppRoute[] = [
  { path: `/:realm/${USER_API_TOKENS_PATH}`, element: <UserApiTokensSection />, handle },
  { path: `/:realm/${USER_API_TOKENS_PATH}/:tab`, element: <UserApiTokensSection />, handle },
];

export const toUserApiTokens = (realm: string, tab: UserApiTokensTab = "tokens") =>
  `/${encodeURIComponent(realm)}/${USER_API_TOKENS_PATH}/${tab}`;
