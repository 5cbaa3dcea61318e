import { useAccess, useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { PageSection, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";

import { adminTokensApi } from "./api";
import { PolicyTab } from "./PolicyTab";
import { toUserApiTokens, type UserApiTokensTab } from "./routes";
import { TokensTab } from "./TokensTab";

/**
 * The realm page "User API tokens": every user's tokens, and (with view-realm) the realm's token policy.
 * The tabs are PatternFly's, not admin-ui's RoutableTabs: that one renders the Tabs of the PatternFly copy
 * bundled inside admin-ui, whose TabsContext our Tab elements (this workspace's PatternFly) cannot see, and
 * admin-ui exports no Tab of its own.
 */
export default function UserApiTokensSection() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const navigate = useNavigate();
  const params = useParams<{ tab?: string }>();
  const api = useMemo(() => adminTokensApi(adminClient, realm), [adminClient, realm]);

  const showPolicy = hasAccess("view-realm");
  const tab: UserApiTokensTab = params.tab === "policy" && showPolicy ? "policy" : "tokens";

  return (
    <>
      <ViewHeader titleKey="apiTokensUsersTitle" subKey="apiTokensUsersExplain" divider={false} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs
          activeKey={tab}
          onSelect={(_event, key) => navigate(toUserApiTokens(realm, key as UserApiTokensTab))}
          mountOnEnter
          unmountOnExit
          inset={{ default: "insetNone", md: "insetSm", xl: "insetLg", "2xl": "insetLg" }}
        >
          <Tab eventKey="tokens" data-testid="tokens-tab" title={<TabTitleText>{t("apiTokensTokensTab")}</TabTitleText>}>
            <TokensTab api={api} canManage={hasAccess("manage-users")} />
          </Tab>
          {showPolicy && (
            <Tab eventKey="policy" data-testid="policy-tab" title={<TabTitleText>{t("apiTokensPolicyTab")}</TabTitleText>}>
              <PolicyTab api={api} canManage={hasAccess("manage-realm")} />
            </Tab>
          )}
        </Tabs>
      </PageSection>
    </>
  );
}
