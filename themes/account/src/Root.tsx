import { joinPath } from "@kcpat/shared";
import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { KeycloakMasthead } from "@keycloak/keycloak-ui-shared";
import { Button, Page, Spinner } from "@patternfly/react-core";
import { ExternalLinkSquareAltIcon } from "@patternfly/react-icons";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useHref } from "react-router-dom";

import { ApiTokensAccessProvider } from "./api-tokens/access";
import { environment } from "./environment";
import { PageNav } from "./PageNav";

import "./theme.css";

const ReferrerLink = () => {
  const { t } = useTranslation();
  return environment.referrerUrl ? (
    <Button
      component="a"
      href={environment.referrerUrl.replace("_hash_", "#")}
      variant="link"
      icon={<ExternalLinkSquareAltIcon />}
      iconPosition="end"
      isInline
    >
      {t("backTo", { app: environment.referrerName || environment.referrerUrl })}
    </Button>
  ) : null;
};

/**
 * The stock console's frame (the library does not export its Root): masthead, navigation from
 * content.json, the routed page. The masthead is ui-shared's, so that its sidebar toggle and this
 * Page share one PatternFly copy.
 */
export const Root = () => {
  const { keycloak } = useEnvironment();
  const { t } = useTranslation();
  const logoUrl = environment.logoUrl || "/";
  const internalLogoHref = useHref(logoUrl);
  const brandSrc = joinPath(environment.resourceUrl, environment.logo || "logo.svg");

  return (
    <ApiTokensAccessProvider>
      <Page
        header={
          <KeycloakMasthead
            data-testid="page-header"
            keycloak={keycloak}
            features={{ hasManageAccount: false }}
            brand={{
              href: logoUrl.startsWith("/") ? internalLogoHref : logoUrl,
              src: brandSrc,
              alt: t("logo"),
              className: "kcpat-brand",
            }}
            toolbarItems={[<ReferrerLink key="link" />]}
          />
        }
        sidebar={<PageNav />}
        isManagedSidebar
      >
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </Page>
    </ApiTokensAccessProvider>
  );
};
