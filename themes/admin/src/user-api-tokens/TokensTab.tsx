import {
  Alert,
  AlertActionCloseButton,
  AlertGroup,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
  Label,
  LabelGroup,
  Modal,
  ModalVariant,
  Pagination,
  SearchInput,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { KeyIcon, SearchIcon } from "@patternfly/react-icons";
import { ActionsColumn, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ApiError, formatDate, formatDateTime, type AdminToken, type AdminTokensApi } from "./api";

type Props = { api: AdminTokensApi; realm: string; canManage: boolean };

type Notice = { id: number; variant: "success" | "danger"; title: string };

/** Every token of the realm, newest search first: GET tokens?search&first&max, one page at a time. */
export const TokensTab = ({ api, realm, canManage }: Props) => {
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState("");
  const [search, setSearch] = useState("");
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(10);
  const [reload, setReload] = useState(0);
  const [page, setPage] = useState<{ rows: AdminToken[]; fetched: number }>();
  const [failure, setFailure] = useState<string>();
  const [deleting, setDeleting] = useState<AdminToken>();
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    setPage(undefined);
    // one more than a page: whether a next page exists, as the stock tables do
    api
      .list({ search, first, max: max + 1 }, controller.signal)
      .then((rows) => {
        if (rows.length === 0 && first > 0) {
          setFirst(Math.max(0, first - max));
          return;
        }
        setFailure(undefined);
        setPage({ rows: rows.slice(0, max), fetched: rows.length });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setFailure(error instanceof Error ? error.message : String(error));
        setPage({ rows: [], fetched: 0 });
      });
    return () => controller.abort();
  }, [api, search, first, max, reload]);

  const notify = (variant: Notice["variant"], title: string) => {
    const id = Date.now() + Math.random();
    setNotices((all) => [{ id, variant, title }, ...all]);
    setTimeout(() => setNotices((all) => all.filter((n) => n.id !== id)), 8000);
  };

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      notify("success", success);
    } catch (error) {
      notify("danger", t("patRequestFailed", { error: error instanceof ApiError ? error.message : String(error) }));
    }
    setReload((n) => n + 1);
  };

  const toggle = (token: AdminToken) => {
    const active = token.state === "ACTIVE";
    return run(
      () => api.setState(token.key, active ? "DISABLED" : "ACTIVE"),
      t(active ? "patDisabledToken" : "patActivatedToken", { name: token.name, user: token.user.username }),
    );
  };

  const locale = i18n.language;
  const rows = page?.rows ?? [];

  return (
    <>
      <AlertGroup isToast isLiveRegion data-testid="token-alerts">
        {notices.map((notice) => (
          <Alert
            key={notice.id}
            variant={notice.variant}
            title={notice.title}
            actionClose={
              <AlertActionCloseButton onClose={() => setNotices((all) => all.filter((n) => n.id !== notice.id))} />
            }
          />
        ))}
      </AlertGroup>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              aria-label={t("patSearch")}
              placeholder={t("patSearch")}
              value={input}
              onChange={(_event, value) => setInput(value)}
              onSearch={() => {
                setFirst(0);
                setSearch(input.trim());
              }}
              onClear={() => {
                setInput("");
                setFirst(0);
                setSearch("");
              }}
              data-testid="token-search"
            />
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
            <Pagination
              isCompact
              perPage={max}
              page={Math.floor(first / max) + 1}
              itemCount={first + (page?.fetched ?? 0)}
              toggleTemplate={({ firstIndex, lastIndex }) => (
                <b>
                  {firstIndex} - {lastIndex}
                </b>
              )}
              onSetPage={(_event, newPage) => setFirst((newPage - 1) * max)}
              onPerPageSelect={(_event, perPage) => {
                setFirst(0);
                setMax(perPage);
              }}
              perPageOptions={[10, 20, 50, 100].map((value) => ({ title: String(value), value }))}
              data-testid="token-pagination"
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {failure && <Alert isInline variant="danger" title={failure} className="pf-v5-u-mx-md pf-v5-u-mb-md" />}
      {!page ? (
        <div className="pf-v5-u-text-align-center pf-v5-u-p-xl">
          <Spinner aria-label={t("loading")} />
        </div>
      ) : rows.length === 0 && !failure ? (
        <EmptyState data-testid="no-tokens">
          <EmptyStateHeader
            titleText={t(search ? "patNoResults" : "patNoTokens")}
            icon={<EmptyStateIcon icon={search ? SearchIcon : KeyIcon} />}
            headingLevel="h2"
          />
          <EmptyStateBody>{search ? t("patNoResultsInstructions", { search }) : t("patNoTokensInstructions")}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t("userApiTokens")} variant="compact" data-testid="admin-tokens-table">
          <Thead>
            <Tr>
              <Th>{t("patOwner")}</Th>
              <Th>
                {t("patName")} / {t("patKey")}
              </Th>
              <Th>{t("patScopes")}</Th>
              <Th>{t("patState")}</Th>
              <Th>{t("patCreated")}</Th>
              <Th>{t("patExpires")}</Th>
              <Th>{t("patLastUsed")}</Th>
              {canManage && <Th screenReaderText={t("actions")} />}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((token) => (
              <Tr
                key={token.key}
                data-testid="admin-token-row"
                data-token-name={token.name}
                data-token-key={token.key}
                data-username={token.user.username}
              >
                <Td dataLabel={t("patOwner")} data-testid="token-owner">
                  <Link to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(token.user.id)}/settings`}>
                    {token.user.username}
                  </Link>
                </Td>
                <Td dataLabel={t("patName")}>
                  <div className="pf-v5-u-font-weight-bold">{token.name}</div>
                  <code className="pf-v5-u-font-size-xs pf-v5-u-color-200">{token.key}</code>
                </Td>
                <Td dataLabel={t("patScopes")}>
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
                <Td dataLabel={t("patState")} data-testid="token-state">
                  {token.state === "ACTIVE" ? (
                    <Label color="green">{t("patActive")}</Label>
                  ) : token.disabledByAdmin ? (
                    <Label color="orange" data-testid="token-disabled-by-admin">
                      {t("patDisabledByAdmin")}
                    </Label>
                  ) : (
                    <Label color="grey">{t("patDisabled")}</Label>
                  )}
                </Td>
                <Td dataLabel={t("patCreated")} modifier="nowrap">
                  {formatDate(token.createdAt, locale)}
                </Td>
                <Td dataLabel={t("patExpires")} modifier="nowrap">
                  {token.expiresAt ? formatDate(token.expiresAt, locale) : t("patNever")}{" "}
                  {token.expired && (
                    <Label color="red" isCompact data-testid="token-expired">
                      {t("patExpired")}
                    </Label>
                  )}
                </Td>
                <Td dataLabel={t("patLastUsed")} modifier="nowrap">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t("patNever")}
                </Td>
                {canManage && (
                  <Td isActionCell>
                    <ActionsColumn
                      items={[
                        {
                          title: t(token.state === "ACTIVE" ? "patDisable" : "patActivate"),
                          onClick: () => toggle(token),
                        },
                        { isSeparator: true },
                        { title: t("patDelete"), onClick: () => setDeleting(token) },
                      ]}
                    />
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {deleting && (
        <DeleteDialog
          token={deleting}
          onCancel={() => setDeleting(undefined)}
          onConfirm={async () => {
            await run(
              () => api.remove(deleting.key),
              t("patDeletedToken", { name: deleting.name, user: deleting.user.username }),
            );
            setDeleting(undefined);
          }}
        />
      )}
    </>
  );
};

type DeleteDialogProps = { token: AdminToken; onConfirm: () => Promise<void>; onCancel: () => void };

const DeleteDialog = ({ token, onConfirm, onCancel }: DeleteDialogProps) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      variant={ModalVariant.small}
      title={t("patDeleteTitle", { name: token.name })}
      titleIconVariant="warning"
      isOpen
      onClose={onCancel}
      data-testid="delete-token-dialog"
      actions={[
        <Button
          key="confirm"
          variant="danger"
          data-testid="confirm"
          isLoading={busy}
          isDisabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("patDeleteForever")}
        </Button>,
        <Button key="cancel" variant="link" data-testid="cancel" onClick={onCancel}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {t("patDeleteMessage", { name: token.name, user: token.user.username, key: token.key })}
    </Modal>
  );
};
