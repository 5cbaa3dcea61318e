import { routes as stockRoutes } from "@keycloak/keycloak-admin-ui";
import type { RouteObject } from "react-router-dom";

import { Root } from "./App";
import { userApiTokensRoutes } from "./user-api-tokens/routes";

/** A route of the stock console: path, element and handle (access needed, breadcrumb). */
export type AppRoute = (typeof stockRoutes)[number];

// The stock list ends with its catch-all "*" (page not found): ours go before it.
const notFound = stockRoutes.filter((route) => route.path === "*");

/** Every route of the stock console plus the page "User API tokens". */
export const appRoutes: AppRoute[] = [
  ...stockRoutes.filter((route) => route.path !== "*"),
  ...userApiTokensRoutes,
  ...notFound,
];

export const routes: RouteObject[] = [{ path: "/", element: <Root />, children: appRoutes }];
