import { Label, LabelGroup } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { formatDate, formatDateTime } from "./format";
import { listRoles, roleLabel } from "./roles";
import type { ApiToken, Door } from "./tokens";

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

/**
 * Active, or who disabled it: its owner, an admin (only an admin can activate it again) or the idle task.
 * {@code idleDays}: the policy's disableAfterUnusedDays, named in the idle label when known.
 */
export const StateLabel = ({ token, idleDays = 0 }: TokenProps & { idleDays?: number }) => {
  const { t } = useTranslation();
  if (token.state === "ACTIVE") return <Label color="green">{t("apiTokensActive")}</Label>;
  switch (token.disabledBy ?? (token.disabledByAdmin ? "admin" : "owner")) {
    case "admin":
      return (
        <Label color="orange" data-testid="token-disabled-by-admin">
          {t("apiTokensDisabledByAdmin")}
        </Label>
      );
    case "idle":
      return (
        <Label color="gold" data-testid="token-disabled-idle">
          {idleDays > 0 ? t("apiTokensDisabledIdleDays", { count: idleDays }) : t("apiTokensDisabledIdle")}
        </Label>
      );
    default:
      return <Label color="grey">{t("apiTokensDisabledByOwner")}</Label>;
  }
};

/**
 * What is about to happen to the token, below its state: the previous value of a rotation still working (until when,
 * and whether and where it was used since), and when the idle task will disable it unless it is used.
 */
export const LifecycleNotes = ({ token }: TokenProps) => {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <>
      {token.previousSecretExpiresAt && (
        <div className="pf-v5-u-font-size-sm pf-v5-u-text-wrap" data-testid="token-previous-value">
          <div>{t("apiTokensPreviousValidUntil", { time: at(token.previousSecretExpiresAt) })}</div>
          <div className="pf-v5-u-color-200" data-testid="token-previous-value-use">
            {token.previousSecretLastUsedAt
              ? t(token.previousSecretLastUsedFrom ? "apiTokensPreviousUsedFrom" : "apiTokensPreviousUsed", {
                  time: at(token.previousSecretLastUsedAt),
                  address: token.previousSecretLastUsedFrom,
                })
              : t("apiTokensPreviousNotUsed")}
          </div>
        </div>
      )}
      {token.idleDisableAt && (
        <div className="pf-v5-u-font-size-sm pf-v5-u-color-200 pf-v5-u-text-wrap" data-testid="token-idle-disable-at">
          {t("apiTokensIdleDisableAt", { time: at(token.idleDisableAt) })}
        </div>
      )}
    </>
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

/** The door's name in words ("token exchange", "password grant"); an unknown one as the server said it. */
export const useDoorName = () => {
  const { t } = useTranslation();
  return (door: Door) => {
    const key = DOOR_KEYS[door];
    return key ? t(key) : door;
  };
};

const DOOR_KEYS: Record<Door, string> = {
  exchange: "apiTokensDoorExchange",
  "token-exchange": "apiTokensDoorTokenExchange",
  "forward-auth": "apiTokensDoorForwardAuth",
  verify: "apiTokensDoorVerify",
  "direct-grant": "apiTokensDoorDirectGrant",
};

/** When it was last used, and below that from which address and through which door; or "Never". */
export const LastUsedCell = ({ token }: TokenProps) => {
  const { t, i18n } = useTranslation();
  const doorName = useDoorName();
  if (!token.lastUsedAt) return <div data-testid="token-last-used">{t("apiTokensNever")}</div>;
  const where = [
    token.lastUsedFrom && t("apiTokensUsedFrom", { address: token.lastUsedFrom }),
    token.lastUsedDoor && t("apiTokensUsedThrough", { door: doorName(token.lastUsedDoor) }),
  ].filter(Boolean);
  return (
    <div data-testid="token-last-used">
      <div>{formatDateTime(token.lastUsedAt, i18n.language)}</div>
      {where.length > 0 && (
        <div className="pf-v5-u-font-size-sm pf-v5-u-color-200" data-testid="token-last-used-where">
          {where.join(" ")}
        </div>
      )}
    </div>
  );
};
