import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

/** What index.ftl injects into the page (server and admin URLs, login realm, master realm …). */
export const environment = getInjectedEnvironment<AdminEnvironment>();
