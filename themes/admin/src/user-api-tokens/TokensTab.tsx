import {
  AllowedIpsCell,
  CreatedCell,
  ExpiresCell,
  LastUsedCell,
  RolesCell,
  ScopesCell,
  StateLabel,
  TokenNameCell,
  toggledState,
} from "@kcpat/shared";
import { useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts, type Field } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, ButtonVariant } from "@patternfly/react-core";
import { KeyIcon } from "@patternfly/react-icons";
import type { IAction, ISeparator } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { AdminToken, AdminTokensApi } from "./api";

type Props = { api: AdminTokensApi; canManage: boolean };

/**
 * A row of the table. KeycloakDataTable renders a cell as <cellRenderer {...row} />, and React keeps a prop
 * named "key" to itself: the token's "key" would never reach the cell, so the token travels whole.
 */
type TokenRow = { id: string; token: AdminToken };

/**
 * The owner, linked to the user. It also names the row (data-token-name, data-token-key, data-username):
 * the library's table rows carry no attributes of their own, and tests and scripts find a token by these.
 */
const OwnerCell = ({ token }: TokenRow) => {
  const { realm } = useRealm();
  return (
    <span
      data-testid="token-owner"
      data-token-name={token.name}
      data-token-key={token.key}
      data-username={token.user.username}
    >
      <Link to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(token.user.id)}/settings`}>
        {token.user.username}
      </Link>
    </span>
  );
};

const columns: Field<TokenRow>[] = [
  { name: "user", displayKey: "apiTokensOwner", cellRenderer: OwnerCell },
  { name: "name", displayKey: "apiTokensName", cellRenderer: ({ token }) => <TokenNameCell token={token} /> },
  { name: "scopes", displayKey: "apiTokensScopes", cellRenderer: ({ token }) => <ScopesCell token={token} /> },
  { name: "roles", displayKey: "apiTokensRoles", cellRenderer: ({ token }) => <RolesCell token={token} /> },
  { name: "allowedIps", displayKey: "apiTokensAllowedIps", cellRenderer: ({ token }) => <AllowedIpsCell token={token} /> },
  {
    name: "state",
    displayKey: "apiTokensState",
    cellRenderer: ({ token }) => (
      <span data-testid="token-state">
        <StateLabel token={token} />
      </span>
    ),
  },
  { name: "createdAt", displayKey: "apiTokensCreated", cellRenderer: ({ token }) => <CreatedCell token={token} /> },
  { name: "expiresAt", displayKey: "apiTokensExpires", cellRenderer: ({ token }) => <ExpiresCell token={token} /> },
  { name: "lastUsedAt", displayKey: "apiTokensLastUsed", cellRenderer: ({ token }) => <LastUsedCell token={token} /> },
];

/** Every token of the realm, searched by username or token name: GET tokens?search&first&max, one page at a time. */
export const TokensTab = ({ api, canManage }: Props) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAlerts();
  // a new value reloads the current page (search and page kept)
  const [reload, setReload] = useState(0);
  const [deleting, setDeleting] = useState<AdminToken>();

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      addAlert(success, AlertVariant.success);
    } catch (error) {
      addError("apiTokensRequestFailed", error);
    }
    setReload((n) => n + 1);
  };

  const owner = (token: AdminToken) => ({ name: token.name, user: token.user.username });

  const [toggleDeleteDialog, DeleteConfirm] = useConfirmDialog({
    // the library translates its keys again: an already translated text comes back as it is
    // (also while closed: PatternFly's Modal logs an error without a title)
    titleKey: t("apiTokensDeleteTitle", { name: deleting?.name ?? "" }),
    children: deleting && t("apiTokensDeleteMessage", { ...owner(deleting), key: deleting.key }),
    continueButtonLabel: "apiTokensDeleteForever",
    continueButtonVariant: ButtonVariant.danger,
    onConfirm: () => {
      if (deleting) void run(() => api.remove(deleting.key), t("apiTokensDeletedToken", owner(deleting)));
    },
  });

  const rowActions = (token: AdminToken): (IAction | ISeparator)[] => [
    {
      title: t(token.state === "ACTIVE" ? "apiTokensDisable" : "apiTokensActivate"),
      onClick: () =>
        run(
          () => api.setState(token.key, toggledState(token)),
          t(token.state === "ACTIVE" ? "apiTokensDisabledToken" : "apiTokensActivatedToken", owner(token)),
        ),
    },
    { isSeparator: true },
    {
      title: t("apiTokensDelete"),
      onClick: () => {
        setDeleting(token);
        toggleDeleteDialog();
      },
    },
  ];

  return (
    <>
      <DeleteConfirm />
      <KeycloakDataTable<TokenRow>
        data-testid="admin-tokens-table"
        ariaLabelKey="apiTokensUsersTitle"
        searchPlaceholderKey="apiTokensSearch"
        isPaginated
        loader={{
          signal: reload,
          // one more than a page is asked for: whether a next page exists, as the stock tables do
          loader: async (first = 0, max = 11, search = "") => {
            try {
              const tokens = await api.list({ search: search.trim(), first, max });
              return tokens.map((token) => ({ id: token.key, token }));
            } catch (error) {
              addError("apiTokensRequestFailed", error);
              return [];
            }
          },
        }}
        columns={columns}
        actionResolver={canManage ? (row) => rowActions((row.data as TokenRow).token) : undefined}
        emptyState={
          <ListEmptyState
            icon={KeyIcon}
            message={t("apiTokensNoTokens")}
            instructions={t("apiTokensNoTokensInstructions")}
          />
        }
      />
    </>
  );
};
