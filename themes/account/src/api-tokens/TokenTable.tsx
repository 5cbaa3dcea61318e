import {
  AllowedIpsCell,
  CreatedCell,
  ExpiresCell,
  LastUsedCell,
  LifecycleNotes,
  RolesCell,
  ScopesCell,
  StateLabel,
  TokenNameCell,
} from "@kcpat/shared";
import { Button, Flex } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import type { ApiToken, Policy } from "./api";

type Props = {
  tokens: ApiToken[];
  policy: Policy;
  onToggle: (token: ApiToken) => void;
  onRotate: (token: ApiToken) => void;
  onDelete: (token: ApiToken) => void;
};

export const TokenTable = ({ tokens, policy, onToggle, onRotate, onDelete }: Props) => {
  const { t } = useTranslation();
  return (
    <Table aria-label={t("apiTokensTable")} variant="compact" data-testid="api-tokens-table">
      <Thead>
        <Tr>
          <Th modifier="wrap">
            {t("apiTokensName")} / {t("apiTokensKey")}
          </Th>
          <Th modifier="wrap">{t("apiTokensScopes")}</Th>
          <Th modifier="wrap">{t("apiTokensRoles")}</Th>
          <Th modifier="wrap">{t("apiTokensAllowedIps")}</Th>
          <Th modifier="wrap">{t("apiTokensState")}</Th>
          <Th modifier="wrap">{t("apiTokensCreated")}</Th>
          <Th modifier="wrap">{t("apiTokensExpires")}</Th>
          <Th modifier="wrap">{t("apiTokensLastUsed")}</Th>
          <Th screenReaderText={t("apiTokensActions")} />
        </Tr>
      </Thead>
      <Tbody>
        {[...tokens]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((token) => (
            <Tr key={token.key} data-testid="api-token-row" data-token-name={token.name} data-token-key={token.key}>
              <Td dataLabel={t("apiTokensName")}>
                <TokenNameCell token={token} />
              </Td>
              <Td dataLabel={t("apiTokensScopes")}>
                <ScopesCell token={token} />
              </Td>
              <Td dataLabel={t("apiTokensRoles")}>
                <RolesCell token={token} />
              </Td>
              <Td dataLabel={t("apiTokensAllowedIps")}>
                <AllowedIpsCell token={token} />
              </Td>
              <Td dataLabel={t("apiTokensState")}>
                <div data-testid="token-state">
                  <StateLabel token={token} idleDays={policy.disableAfterUnusedDays} />
                </div>
                <LifecycleNotes token={token} />
              </Td>
              <Td dataLabel={t("apiTokensCreated")} modifier="nowrap">
                <CreatedCell token={token} />
              </Td>
              <Td dataLabel={t("apiTokensExpires")} modifier="nowrap">
                <ExpiresCell token={token} />
              </Td>
              <Td dataLabel={t("apiTokensLastUsed")}>
                <LastUsedCell token={token} />
              </Td>
              <Td isActionCell>
                <Flex flexWrap={{ default: "nowrap" }} spaceItems={{ default: "spaceItemsMd" }}>
                  {/* the owner may activate a token they or the idle task disabled, never one an admin did */}
                  {!(token.state === "DISABLED" && (token.disabledBy === "admin" || token.disabledByAdmin)) && (
                    <Button
                      variant="link"
                      isInline
                      onClick={() => onToggle(token)}
                      aria-label={t(token.state === "ACTIVE" ? "apiTokensDisableNamed" : "apiTokensActivateNamed", { name: token.name })}
                      data-testid={token.state === "ACTIVE" ? "disable-token" : "activate-token"}
                    >
                      {t(token.state === "ACTIVE" ? "apiTokensDisable" : "apiTokensActivate")}
                    </Button>
                  )}
                  <Button
                    variant="link"
                    isInline
                    onClick={() => onRotate(token)}
                    aria-label={t("apiTokensRotateNamed", { name: token.name })}
                    data-testid="rotate-token"
                  >
                    {t("apiTokensRotate")}
                  </Button>
                  <Button
                    variant="link"
                    isDanger
                    isInline
                    onClick={() => onDelete(token)}
                    aria-label={t("apiTokensDeleteNamed", { name: token.name })}
                    data-testid="delete-token"
                  >
                    {t("apiTokensDelete")}
                  </Button>
                </Flex>
              </Td>
            </Tr>
          ))}
      </Tbody>
    </Table>
  );
};
