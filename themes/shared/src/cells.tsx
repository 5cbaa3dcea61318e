import { Label, LabelGroup } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { formatDate, formatDateTime } from "./format";
import { listRoles, roleLabel } from "./roles";
import type { ApiToken } from "./tokens";

type TokenProps = { token: ApiToken };

/** The token's name, its key below it. */
export const TokenNameCell = ({ token }: TokenProps) => {
  const { t } = useTranslation();
  return (
    <>
      <div className="pf-v5-u-font-weight-bold">{token.name}</div>
      <code className="pf-v5-u-font-size-xs pf-v5-u-color-200" aria-label={t("apiTokensKey")}>
        {token.key}
      </code>
    </>
  );
};

export const ScopesCell = ({ token }: TokenProps) =>
  token.scopes.length === 0 ? (
    "—"
  ) : (
    <LabelGroup>
      {token.scopes.map((scope) => (
        <Label key={scope} isCompact>
          {scope}
        </Label>
      ))}
    </LabelGroup>
  );

/**
 * The chosen roles, compact ("reader, orders-api: read"), or that it carries all its scopes give. Roles and
 * addresses wrap, also in the admin console's table, whose cells do not: a long list would push the row's menu
 * out of sight.
 */
export const RolesCell = ({ token }: TokenProps) => {
  const { t } = useTranslation();
  const roles = listRoles(token.roles);
  return (
    <span data-testid="token-roles" className={roles.length === 0 ? "pf-v5-u-text-wrap pf-v5-u-color-200" : "pf-v5-u-text-wrap"}>
      {roles.length === 0 ? t("apiTokensRolesFromScopes") : roles.map(roleLabel).join(", ")}
    </span>
  );
};

/** The addresses and ranges it may be used from, or "Any". */
export const AllowedIpsCell = ({ token }: TokenProps) => {
  const { t } = useTranslation();
  return (
    <span data-testid="token-allowed-ips" className="pf-v5-u-text-wrap">
      {token.allowedIps.length === 0
        ? t("apiTokensAnyAddress")
        : token.allowedIps.map((address, i) => (
            <span key={address}>
              {i > 0 && ", "}
              <code>{address}</code>
            </span>
          ))}
    </span>
  );
};

/** Active, Disabled, or Disabled by an admin (which only an admin can activate again). */
export const StateLabel = ({ token }: TokenProps) => {
  const { t } = useTranslation();
  if (token.state === "ACTIVE") return <Label color="green">{t("apiTokensActive")}</Label>;
  return token.disabledByAdmin ? (
    <Label color="orange" data-testid="token-disabled-by-admin">
      {t("apiTokensDisabledByAdmin")}
    </Label>
  ) : (
    <Label color="grey">{t("apiTokensDisabled")}</Label>
  );
};

export const CreatedCell = ({ token }: TokenProps) => {
  const { i18n } = useTranslation();
  return formatDate(token.createdAt, i18n.language);
};

/** The expiry day or "Never", and an "Expired" label once it has passed. */
export const ExpiresCell = ({ token }: TokenProps) => {
  const { t, i18n } = useTranslation();
  return (
    <>
      {token.expiresAt ? formatDate(token.expiresAt, i18n.language) : t("apiTokensNever")}{" "}
      {token.expired && (
        <Label color="red" isCompact data-testid="token-expired">
          {t("apiTokensExpired")}
        </Label>
      )}
    </>
  );
};

export const LastUsedCell = ({ token }: TokenProps) => {
  const { t, i18n } = useTranslation();
  return token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : t("apiTokensNever");
};
