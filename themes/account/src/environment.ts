import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

/** What index.ftl injects into the page (server URL, realm, client, features …). */
export const environment = getInjectedEnvironment<AccountEnvironment>();
