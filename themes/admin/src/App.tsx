import {
  AdminClientProvider,
  AppContexts,
  ForbiddenSection,
  KeycloakProvider,
  PageBreadCrumbs,
  useAccess,
  useWhoAmI,
} from "@keycloak/keycloak-admin-ui";
import { AlertProvider, ErrorBoundaryProvider, Help, mainPageContentId } from "@keycloak/keycloak-ui-shared";
import { Banner, Flex, FlexItem, Page, Spinner } from "@patternfly/react-core";
import { ExclamationTriangleIcon } from "@patternfly/react-icons";
import { Suspense, useEffect, type PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useMatches } from "react-router-dom";

import { environment } from "./environment";
import { Header } from "./Header";
import { PageNav } from "./PageNav";
import type { AppRoute } from "./routes";

import "./theme.css";

/** The stock console's root: Keycloak sign-in, admin client and contexts, then the frame. */
export const Root = () => (
  <KeycloakProvider environment={environment}>
    <AdminClientProvider>
      <AppContexts>
        <SharedUiContexts>
          <App />
        </SharedUiContexts>
      </AppContexts>
    </AdminClientProvider>
  </KeycloakProvider>
);

/**
 * The providers of this workspace's @keycloak/keycloak-ui-shared: admin-ui bundles its own copy of ui-shared, so
 * its AppContexts and KeycloakProvider provide that copy's contexts, not the ones useAlerts, useFetch (in
 * KeycloakDataTable) and HelpItem (in the form controls) of ours look for.
 */
const SharedUiContexts = ({ children }: PropsWithChildren) => (
  <ErrorBoundaryProvider>
    <AlertProvider>
      <Help>{children}</Help>
    </AlertProvider>
  </ErrorBoundaryProvider>
);

/**
 * The stock App's frame (26.7.3) with this theme's header and navigation. The library bundles its own
 * PatternFly: its Header and PageNav would not share the Page's sidebar state, so both are ours.
 */
const App = () => {
  const endsWithHashSlash = location.href.endsWith("#/");
  useEffect(() => {
    if (endsWithHashSlash) history.replaceState(null, "", location.pathname);
  }, [endsWithHashSlash]);

  return (
    <Flex
      direction={{ default: "column" }}
      flexWrap={{ default: "nowrap" }}
      spaceItems={{ default: "spaceItemsNone" }}
      style={{ height: "100%" }}
    >
      <FlexItem>
        <TemporaryAdminBanner />
      </FlexItem>
      <FlexItem grow={{ default: "grow" }} style={{ minHeight: 0 }}>
        <Page
          header={<Header />}
          isManagedSidebar
          sidebar={<PageNav />}
          breadcrumb={<PageBreadCrumbs />}
          mainContainerId={mainPageContentId}
        >
          <Suspense fallback={<Spinner />}>
            <AuthWall>
              <Outlet />
            </AuthWall>
          </Suspense>
        </Page>
      </FlexItem>
    </Flex>
  );
};

const TemporaryAdminBanner = () => {
  const { t } = useTranslation();
  const { whoAmI } = useWhoAmI();
  if (!whoAmI.temporary) return null;
  return (
    <Banner screenReaderText={t("loggedInAsTempAdminUser")} variant="gold">
      <ExclamationTriangleIcon style={{ marginRight: "0.3rem" }} />
      {t("loggedInAsTempAdminUser")}
    </Banner>
  );
};

/** The stock AuthWall: a route's handle.access decides whether its page or "Forbidden" shows. */
const AuthWall = ({ children }: PropsWithChildren) => {
  const { hasAccess } = useAccess();
  const needed = useMatches().flatMap(({ handle }) => {
    const access = (handle as AppRoute["handle"] | undefined)?.access;
    return access === undefined ? [] : Array.isArray(access) ? access : [access];
  });
  return hasAccess(...needed) ? children : <ForbiddenSection permissionNeeded={needed} />;
};
