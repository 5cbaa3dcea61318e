import { joinPath } from "@kcpat/shared";
import { HelpHeader, useEnvironment, useRealm, type AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { KeycloakMasthead } from "@keycloak/keycloak-ui-shared";
import { DropdownItem, ToolbarItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { Link, useHref } from "react-router-dom";

/**
 * The stock header (PageHeader.tsx, 26.7.3) on ui-shared's masthead, so that its sidebar toggle works
 * with this theme's Page: logo, help menu, "Realm info" and "Manage account"; "Clear caches" is left out.
 */
export const Header = () => {
  const { environment, keycloak } = useEnvironment<AdminEnvironment>();
  const { t } = useTranslation();
  const { realm } = useRealm();
  const dashboard = `/${encodeURIComponent(realm)}`;
  const dashboardHref = useHref(dashboard);

  const realmInfo = (
    <DropdownItem key="realm-info" component={(props) => <Link {...props} to={dashboard} />}>
      {t("realmInfo")}
    </DropdownItem>
  );
  return (
    <KeycloakMasthead
      data-testid="page-header"
      keycloak={keycloak}
      brand={{
        href: environment.logoUrl || dashboardHref,
        src: joinPath(environment.resourceUrl, environment.logo || "/logo.svg"),
        alt: t("logo"),
        className: "keycloak__pageheader_brand",
      }}
      dropdownItems={[realmInfo]}
      kebabDropdownItems={[realmInfo]}
      toolbarItems={[
        <ToolbarItem key="help" align={{ default: "alignRight" }} visibility={{ default: "hidden", md: "visible" }}>
          <HelpHeader />
        </ToolbarItem>,
      ]}
    />
  );
};
