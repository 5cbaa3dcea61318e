import { useEnvironment, type AccountEnvironment, type Feature } from "@keycloak/keycloak-account-ui";
import {
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  PageSidebar,
  PageSidebarBody,
} from "@patternfly/react-core";
import { useEffect, useMemo, useState, type MouseEvent as ReactMouseEvent, type PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { matchPath, useHref, useLinkClickHandler, useLocation } from "react-router-dom";

import { API_TOKENS_PATH, useApiTokensAccess } from "./api-tokens/access";

type LinkItem = { label: string; path: string; isVisible?: keyof Feature };
type GroupItem = { label: string; children: MenuItem[]; isVisible?: keyof Feature };
type MenuItem = LinkItem | GroupItem;

/**
 * Switches an older Keycloak does not inject at all, as its own console behaved without them: 26.4 and 26.5 have no
 * "view applications" switch and always list Applications (this console is 26.7's, whose content.json gates it).
 */
const WHEN_NOT_INJECTED: Partial<Record<keyof Feature, boolean>> = { isViewApplicationsEnabled: true };

const featureOn = (features: Feature, name: keyof Feature) => features[name] ?? WHEN_NOT_INJECTED[name] ?? false;

/**
 * The stock console's navigation, built from this theme's content.json (the stock entries plus
 * "apiTokens"). The "API tokens" entry shows only to holders of the role personal-api-tokens.
 */
export const PageNav = () => {
  const { environment } = useEnvironment<AccountEnvironment>();
  const access = useApiTokensAccess();
  const [menuItems, setMenuItems] = useState<MenuItem[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`${environment.resourceUrl}/content.json`, { signal: controller.signal })
      .then((response) => response.json())
      .then(setMenuItems)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) console.warn("Cannot load content.json", error);
      });
    return () => controller.abort();
  }, [environment.resourceUrl]);

  const visible = (item: MenuItem) =>
    (!item.isVisible || featureOn(environment.features, item.isVisible)) &&
    !("path" in item && item.path === API_TOKENS_PATH && access !== "granted");

  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={environment.realm} data-api-tokens-access={access}>
          <NavList>
            {menuItems.filter(visible).map((item) => (
              <NavMenuItem key={item.label} item={item} visible={visible} />
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};

type NavMenuItemProps = { item: MenuItem; visible: (item: MenuItem) => boolean };

function NavMenuItem({ item, visible }: NavMenuItemProps) {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const { pathname } = useLocation();
  const isActive = useMemo(() => matches(pathname, item, environment.baseUrl), [pathname, item, environment.baseUrl]);

  if ("path" in item) {
    return (
      <NavLink path={item.path} isActive={isActive}>
        {t(item.label)}
      </NavLink>
    );
  }
  return (
    <NavExpandable data-testid={item.label} title={t(item.label)} isActive={isActive} isExpanded={isActive}>
      {item.children.filter(visible).map((child) => (
        <NavMenuItem key={child.label} item={child} visible={visible} />
      ))}
    </NavExpandable>
  );
}

function fullPath(path: string, baseUrl: string) {
  return `${new URL(baseUrl).pathname}${path}`;
}

function matches(pathname: string, item: MenuItem, baseUrl: string): boolean {
  if ("path" in item) {
    return !!matchPath(fullPath(item.path, baseUrl), pathname);
  }
  return item.children.some((child) => matches(pathname, child, baseUrl));
}

const NavLink = ({ path, isActive, children }: PropsWithChildren<{ path: string; isActive: boolean }>) => {
  const { environment } = useEnvironment<AccountEnvironment>();
  const target = fullPath(path, environment.baseUrl) + location.search;
  const href = useHref(target);
  const onClick = useLinkClickHandler(target);
  return (
    <NavItem
      data-testid={path}
      to={href}
      isActive={isActive}
      onClick={(event) => onClick(event as unknown as ReactMouseEvent<HTMLAnchorElement>)}
    >
      {children}
    </NavItem>
  );
};
