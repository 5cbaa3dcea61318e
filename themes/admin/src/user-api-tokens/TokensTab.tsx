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
  toggledState,
} from "@kcpat/shared";
import { useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts, type Field } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, ButtonVariant } from "@patternfly/react-core";
import { KeyIcon } from "@patternfly/react-icons";
import type { IAction, ISeparator } from "@patternfly/react-table";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { AdminPolicy, AdminToken, AdminTokensApi, BulkAction } from "./api";
import { BulkDialog, type BulkTarget } from "./BulkDialog";
import { BulkToolbar } from "./BulkToolbar";
import { DEFAULT_SORT, filterParams, isFiltered, NO_FILTER, type TokenFilter, type TokenSort } from "./filters";
import { FilterToolbar } from "./FilterToolbar";
import { RotateTokenDialog } from "./RotateTokenDialog";
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

/** The columns; {@code idleDays}: the policy's disableAfterUnusedDays, named by the state of an idle-disabled token. */
const columns = (idleDays: number): Field<TokenRow>[] => [
  { name: "user", displayKey: "apiTokensOwner", cellRenderer: OwnerCell },
  { name: "name", displayKey: "apiTokensName", cellRenderer: ({ token }) => <TokenNameCell token={token} /> },
  { name: "scopes", displayKey: "apiTokensScopes", cellRenderer: ({ token }) => <ScopesCell token={token} /> },
  { name: "roles", displayKey: "apiTokensRoles", cellRenderer: ({ token }) => <RolesCell token={token} /> },
  { name: "allowedIps", displayKey: "apiTokensAllowedIps", cellRenderer: ({ token }) => <AllowedIpsCell token={token} /> },
  {
    name: "state",
    displayKey: "apiTokensState",
    cellRenderer: ({ token }) => (
      <>
        <span data-testid="token-state">
          <StateLabel token={token} idleDays={idleDays} />
        </span>
        <LifecycleNotes token={token} />
      </>
    ),
  },
  { name: "createdAt", displayKey: "apiTokensCreated", cellRenderer: ({ token }) => <CreatedCell token={token} /> },
  { name: "expiresAt", displayKey: "apiTokensExpires", cellRenderer: ({ token }) => <ExpiresCell token={token} /> },
  { name: "lastUsedAt", displayKey: "apiTokensLastUsed", cellRenderer: ({ token }) => <LastUsedCell token={token} /> },
];

/**
 * Every token of the realm, filtered and sorted by the server (GET tokens?…&sort&order&first&max, one page at a time);
 * rows are ticked for a bulk action, or the action takes every token the filter matches.
 */
export const TokensTab = ({ api, canManage }: Props) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAlerts();
  const [filter, setFilter] = useState<TokenFilter>(NO_FILTER);
  const [sort, setSort] = useState<TokenSort>(DEFAULT_SORT);
  // a new value reloads the current page (filters, sort and page kept)
  const [reload, setReload] = useState(0);
  // a new value starts the table afresh: first page, nothing ticked (after a bulk action)
  const [generation, setGeneration] = useState(0);
  const [selected, setSelected] = useState<AdminToken[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  const [matching, setMatching] = useState<number>();
  const [bulk, setBulk] = useState<{ action: BulkAction; target: BulkTarget }>();
  const [rotating, setRotating] = useState<AdminToken>();
  const [deleting, setDeleting] = useState<AdminToken>();
  const policy = useReadablePolicy(api);

  const params = useMemo(() => filterParams(filter), [filter]);
  const tableKey = JSON.stringify([params, sort, generation]);
  useEffect(() => {
    setSelected([]);
    setAllMatching(false);
  }, [tableKey]);
  useEffect(() => {
    const controller = new AbortController();
    setMatching(undefined);
    api
      .count(params, controller.signal)
      .then(setMatching)
      .catch(() => undefined); // the count is a hint beside the list; the bulk dialog asks again and shows a refusal
    return () => controller.abort();
  }, [api, params, reload, generation]);

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
    { title: t("apiTokensRotate"), onClick: () => setRotating(token) },
    { isSeparator: true },
    {
      title: t("apiTokensDelete"),
      onClick: () => {
        setDeleting(token);
        toggleDeleteDialog();
      },
    },
  ];

  const startBulk = (action: BulkAction) =>
    setBulk({ action, target: allMatching ? { filter: params } : { keys: selected.map((token) => token.key) } });

  return (
    <>
      <DeleteConfirm />
      <FilterToolbar filter={filter} sort={sort} onFilter={setFilter} onSort={setSort} />
      <KeycloakDataTable<TokenRow>
        key={tableKey}
        data-testid="admin-tokens-table"
        ariaLabelKey="apiTokensUsersTitle"
        isPaginated
        isSearching={isFiltered(filter)}
        canSelectAll={canManage}
        onSelect={canManage ? (rows) => setSelected(rows.map((row) => row.token)) : undefined}
        toolbarItem={
          canManage && (
            <BulkToolbar
              selected={selected.length}
              matching={matching}
              allMatching={allMatching}
              onAllMatching={setAllMatching}
              onAction={startBulk}
            />
          )
        }
        loader={{
          signal: reload,
          // one more than a page is asked for: whether a next page exists, as the stock tables do
          loader: async (first = 0, max = 11) => {
            try {
              const tokens = await api.list(params, sort, { first, max });
              return tokens.map((token) => ({ id: token.key, token }));
            } catch (error) {
              addError("apiTokensRequestFailed", error);
              return [];
            }
          },
        }}
        columns={columns(policy?.disableAfterUnusedDays ?? 0)}
        actionResolver={canManage ? (row) => rowActions((row.data as TokenRow).token) : undefined}
        emptyState={
          <ListEmptyState
            icon={KeyIcon}
            message={t("apiTokensNoTokens")}
            instructions={t("apiTokensNoTokensInstructions")}
          />
        }
      />
      {bulk && (
        <BulkDialog
          api={api}
          action={bulk.action}
          target={bulk.target}
          onClose={(acted) => {
            setBulk(undefined);
            if (acted) setGeneration((n) => n + 1);
          }}
        />
      )}
      {rotating && (
        <RotateTokenDialog
          api={api}
          token={rotating}
          maxOverlapMinutes={policy?.maxRotationOverlapMinutes}
          onClose={(rotated) => {
            setRotating(undefined);
            if (rotated) setReload((n) => n + 1);
          }}
        />
      )}
    </>
  );
};

/** The realm policy, for an admin who may read it (view-realm); undefined otherwise. */
function useReadablePolicy(api: AdminTokensApi) {
  const [policy, setPolicy] = useState<AdminPolicy>();
  useEffect(() => {
    const controller = new AbortController();
    api
      .policy(controller.signal)
      .then(setPolicy)
      .catch(() => undefined);
    return () => controller.abort();
  }, [api]);
  return policy;
}
