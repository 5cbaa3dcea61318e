import { useAccess, useEnvironment, useRealm, useServerInfo, type AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { Label, Nav, NavGroup, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";

import { appRoutes } from "./routes";
import { USER_API_TOKENS_PATH } from "./user-api-tokens/routes";

/**
 * The stock left navigation (PageNav.tsx, 26.7.3) plus "User API tokens" under Manage. Left out: the
 * pages of the experimental declarative UI. Keep it in step with the stock one on Keycloak upgrades.
 */
export const PageNav = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AdminEnvironment>();
  const { hasSomeAccess } = useAccess();
  const { realm, realmRepresentation } = useRealm();
  const { features } = useServerInfo();
  const enabled = (feature: string) => !!features?.some((f) => f.name === feature && f.enabled);

  const showManage = hasSomeAccess(
    "view-realm", "query-groups", "query-users", "query-clients", "query-organizations", "view-events");
  const showConfigure = hasSomeAccess("view-realm", "query-clients", "view-identity-providers");

  return (
    <PageSidebar className="keycloak__page_nav__nav">
      <PageSidebarBody>
        <Nav>
          <h2 className="pf-v5-c-nav__section-title" style={{ wordWrap: "break-word" }}>
            <span data-testid="currentRealm">{realmRepresentation.displayName ? t(realmRepresentation.displayName) : realm}</span>{" "}
            <Label color="blue">{t("currentRealm")}</Label>
          </h2>
          {environment.masterRealm === environment.realm && (
            <NavGroup aria-label={t("manageRealms")}>
              <NavEntry title="manageRealms" path="/realms" />
            </NavGroup>
          )}
          {showManage && (
            <NavGroup aria-label={t("manage")} title={t("manage")}>
              {enabled("ORGANIZATION") && realmRepresentation.organizationsEnabled && (
                <NavEntry title="organizations" path="/organizations" />
              )}
              <NavEntry title="clients" path="/clients" />
              <NavEntry title="clientScopes" path="/client-scopes" />
              <NavEntry title="realmRoles" path="/roles" />
              <NavEntry title="users" path="/users" />
              <NavEntry title="apiTokensUsersTitle" path={`/${USER_API_TOKENS_PATH}`} />
              <NavEntry title="groups" path="/groups" />
              <NavEntry title="sessions" path="/sessions" />
              <NavEntry title="events" path="/events" />
            </NavGroup>
          )}
          {showConfigure && (
            <NavGroup aria-label={t("configure")} title={t("configure")}>
              <NavEntry title="realmSettings" path="/realm-settings" />
              <NavEntry title="authentication" path="/authentication" />
              {enabled("ADMIN_FINE_GRAINED_AUTHZ_V2") && realmRepresentation.adminPermissionsEnabled && (
                <NavEntry title="permissions" path="/permissions" />
              )}
              <NavEntry title="identityProviders" path="/identity-providers" />
              <NavEntry title="userFederation" path="/user-federation" />
              {enabled("WORKFLOWS") && hasSomeAccess("realm-admin", "admin") && (
                <NavEntry title="workflows" path="/workflows" />
              )}
            </NavGroup>
          )}
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};

/** A link to /{realm}{path}, shown when the route behind it lets the signed-in admin in (as the stock LeftNav). */
const NavEntry = ({ title, path }: { title: string; path: string }) => {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  const route = appRoutes.find((route) => route.path.replace(/\/:.+?(\?|(?:(?!\/).)*|$)/g, "") === path);
  const access = route?.handle.access;
  if (!route || !(Array.isArray(access) ? hasAccess(...access) : hasAccess(access!))) {
    return null;
  }
  const id = "nav-item" + path.replace("/", "-");
  return (
    <li>
      <NavLink
        id={id}
        data-testid={id}
        to={`/${encodeURIComponent(realm)}${path}`}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
      >
        {t(title)}
      </NavLink>
    </li>
  );
};
