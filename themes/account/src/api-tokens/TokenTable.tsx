import { Button, Flex, Label, LabelGroup } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import type { ApiToken } from "./api";
import { formatDate, formatDateTime } from "./format";

type Props = {
  tokens: ApiToken[];
  locale: string;
  onToggle: (token: ApiToken) => void;
  onRotate: (token: ApiToken) => void;
  onDelete: (token: ApiToken) => void;
};

export const TokenTable = ({ tokens, locale, onToggle, onRotate, onDelete }: Props) => {
  const { t } = useTranslation();
  return (
    <Table aria-label={t("apiTokensTable")} variant="compact" data-testid="api-tokens-table">
      <Thead>
        <Tr>
          <Th>
            {t("apiTokensName")} / {t("apiTokensKey")}
          </Th>
          <Th>{t("apiTokensScopes")}</Th>
          <Th>{t("apiTokensState")}</Th>
          <Th>{t("apiTokensCreated")}</Th>
          <Th>{t("apiTokensExpires")}</Th>
          <Th>{t("apiTokensLastUsed")}</Th>
          <Th screenReaderText={t("apiTokensActions")} />
        </Tr>
      </Thead>
      <Tbody>
        {[...tokens]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((token) => (
            <Tr key={token.key} data-testid="api-token-row" data-token-name={token.name} data-token-key={token.key}>
              <Td dataLabel={t("apiTokensName")}>
                <div className="pf-v5-u-font-weight-bold">{token.name}</div>
                <code className="pf-v5-u-font-size-xs pf-v5-u-color-200" aria-label={t("apiTokensKey")}>
                  {token.key}
                </code>
              </Td>
              <Td dataLabel={t("apiTokensScopes")}>
                {token.scopes.length === 0 ? (
                  "—"
                ) : (
                  <LabelGroup>
                    {token.scopes.map((scope) => (
                      <Label key={scope} isCompact>
                        {scope}
                      </Label>
                    ))}
                  </LabelGroup>
                )}
              </Td>
              <Td dataLabel={t("apiTokensState")} data-testid="token-state">
                {token.state === "ACTIVE" ? (
                  <Label color="green">{t("apiTokensActive")}</Label>
                ) : token.disabledByAdmin ? (
                  <Label color="orange" data-testid="token-disabled-by-admin">
                    {t("apiTokensDisabledByAdmin")}
                  </Label>
                ) : (
                  <Label color="grey">{t("apiTokensDisabled")}</Label>
                )}
              </Td>
              <Td dataLabel={t("apiTokensCreated")} modifier="nowrap">
                {formatDate(token.createdAt, locale)}
              </Td>
              <Td dataLabel={t("apiTokensExpires")} modifier="nowrap">
                {token.expiresAt ? formatDate(token.expiresAt, locale) : t("apiTokensNever")}{" "}
                {token.expired && (
                  <Label color="red" isCompact data-testid="token-expired">
                    {t("apiTokensExpired")}
                  </Label>
                )}
              </Td>
              <Td dataLabel={t("apiTokensLastUsed")}>
                {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t("apiTokensNever")}
              </Td>
              <Td isActionCell>
                <Flex flexWrap={{ default: "nowrap" }} spaceItems={{ default: "spaceItemsMd" }}>
                  {!(token.state === "DISABLED" && token.disabledByAdmin) && (
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
