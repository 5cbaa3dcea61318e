import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  EmptyStateHeader,
  EmptyStateIcon,
  PageSection,
  Spinner,
  Text,
  TextContent,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { KeyIcon, LockIcon } from "@patternfly/react-icons";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, errorMessage, IssuedTokenDialog, toggledState } from "@kcpat/shared";

import { tokensApi, type ApiToken, type IssuedToken, type Policy, type ScopeInfo } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { CreateTokenDialog } from "./CreateTokenDialog";
import { RotateDialog } from "./RotateDialog";
import { needsReauthentication, reauthenticate, takePending, type Draft, type Pending } from "./stepUp";
import { TokenTable } from "./TokenTable";

type Loaded =
  | { kind: "loading" }
  | { kind: "forbidden" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; tokens: ApiToken[]; policy: Policy; scopes: ScopeInfo[] };

type Dialog =
  | { kind: "none" }
  | { kind: "create"; draft?: Draft }
  | { kind: "issued"; token: IssuedToken; rotated: boolean }
  | { kind: "rotate"; token: ApiToken; overlapMinutes?: number }
  | { kind: "delete"; token: ApiToken };

/** The page "API tokens": the signed-in user's personal API tokens. */
export const ApiTokens = () => {
  const { t } = useTranslation();
  const context = useEnvironment<AccountEnvironment>();
  const api = useMemo(() => tokensApi(context), [context]);
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const [dialog, setDialog] = useState<Dialog>({ kind: "none" });
  const [actionError, setActionError] = useState<string>();
  // back from a sign-in the server asked for (policy recentLoginMinutes): reopen what the user was doing
  const [pending, setPending] = useState<Pending | undefined>(takePending);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [tokens, policy, scopes] = await Promise.all([api.list(signal), api.policy(signal), api.scopes(signal)]);
        setLoaded({ kind: "ready", tokens, policy, scopes });
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof ApiError && error.status === 403) {
          setLoaded({ kind: "forbidden" });
        } else {
          setLoaded({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
        }
      }
    },
    [api],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (loaded.kind !== "ready" || !pending) return;
    setPending(undefined);
    if (pending.kind === "create") {
      setDialog({ kind: "create", draft: pending.draft });
    } else {
      const token = loaded.tokens.find((candidate) => candidate.key === pending.key);
      if (token) setDialog({ kind: "rotate", token, overlapMinutes: pending.overlapMinutes });
    }
  }, [loaded, pending]);

  const act = async (action: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await action();
    } catch (error) {
      setActionError(errorMessage(error, t("apiTokensServerError")));
    }
    await load();
  };

  const header = (
    <PageSection variant="light">
      <TextContent>
        <Title headingLevel="h1" data-testid="page-heading">
          {t("apiTokens")}
        </Title>
        <Text component="p">{t("apiTokensDescription")}</Text>
      </TextContent>
    </PageSection>
  );

  if (loaded.kind === "loading") {
    return (
      <>
        {header}
        <PageSection variant="light">
          <Spinner aria-label={t("apiTokensLoading")} />
        </PageSection>
      </>
    );
  }

  if (loaded.kind === "forbidden") {
    return (
      <>
        {header}
        <PageSection variant="light">
          <EmptyState data-testid="api-tokens-forbidden">
            <EmptyStateHeader
              titleText={t("apiTokensForbiddenTitle")}
              headingLevel="h2"
              icon={<EmptyStateIcon icon={LockIcon} />}
            />
            <EmptyStateBody>{t("apiTokensForbidden")}</EmptyStateBody>
          </EmptyState>
        </PageSection>
      </>
    );
  }

  if (loaded.kind === "failed") {
    return (
      <>
        {header}
        <PageSection variant="light">
          <Alert variant="danger" isInline title={t("apiTokensLoadFailed")}>
            {loaded.message}
          </Alert>
        </PageSection>
      </>
    );
  }

  const { tokens, policy, scopes } = loaded;
  const atLimit = policy.maxTokensPerUser > 0 && tokens.length >= policy.maxTokensPerUser;
  const createButton = (
    <Button variant="primary" onClick={() => setDialog({ kind: "create" })} isDisabled={atLimit} data-testid="create-token">
      {t("apiTokensCreate")}
    </Button>
  );

  return (
    <>
      {header}
      <PageSection variant="light">
        {actionError && (
          <Alert
            variant="danger"
            isInline
            title={actionError}
            actionClose={<Button variant="plain" aria-label={t("close")} onClick={() => setActionError(undefined)}>×</Button>}
          />
        )}
        {tokens.length === 0 ? (
          <EmptyState data-testid="api-tokens-empty">
            <EmptyStateHeader titleText={t("apiTokensEmptyTitle")} headingLevel="h2" icon={<EmptyStateIcon icon={KeyIcon} />} />
            <EmptyStateBody>{t("apiTokensEmpty")}</EmptyStateBody>
            <EmptyStateFooter>
              <EmptyStateActions>{createButton}</EmptyStateActions>
            </EmptyStateFooter>
          </EmptyState>
        ) : (
          <>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>{createButton}</ToolbarItem>
                {atLimit && (
                  <ToolbarItem>
                    <Text component="small">{t("apiTokensAtLimit", { max: policy.maxTokensPerUser })}</Text>
                  </ToolbarItem>
                )}
              </ToolbarContent>
            </Toolbar>
            <TokenTable
              tokens={tokens}
              policy={policy}
              onToggle={(token) => act(() => api.setState(token.key, toggledState(token)))}
              onRotate={(token) => setDialog({ kind: "rotate", token })}
              onDelete={(token) => setDialog({ kind: "delete", token })}
            />
          </>
        )}
      </PageSection>

      {dialog.kind === "create" && (
        <CreateTokenDialog
          api={api}
          policy={policy}
          scopes={scopes}
          draft={dialog.draft}
          onReauthenticate={(draft, error) => void reauthenticate(context.keycloak, { kind: "create", draft }, error)}
          onCancel={() => setDialog({ kind: "none" })}
          onCreated={(token) => {
            setDialog({ kind: "issued", token, rotated: false });
            void load();
          }}
        />
      )}
      {dialog.kind === "issued" && (
        <IssuedTokenDialog issued={dialog.token} rotated={dialog.rotated} onClose={() => setDialog({ kind: "none" })} />
      )}
      {dialog.kind === "rotate" && (
        <RotateDialog
          token={dialog.token}
          policy={policy}
          overlapMinutes={dialog.overlapMinutes}
          onCancel={() => setDialog({ kind: "none" })}
          onRotate={async (overlapMinutes) => {
            const key = dialog.token.key;
            try {
              const rotated = await api.rotate(key, overlapMinutes);
              setDialog({ kind: "issued", token: rotated, rotated: true });
            } catch (error) {
              if (needsReauthentication(error)) {
                await reauthenticate(context.keycloak, { kind: "rotate", key, overlapMinutes }, error);
                return;
              }
              setDialog({ kind: "none" });
              setActionError(errorMessage(error, t("apiTokensServerError")));
            }
            await load();
          }}
        />
      )}
      {dialog.kind === "delete" && (
        <ConfirmDialog
          title={t("apiTokensDeleteTitle", { name: dialog.token.name })}
          confirmLabel={t("apiTokensDeleteForever")}
          danger
          onCancel={() => setDialog({ kind: "none" })}
          onConfirm={async () => {
            const key = dialog.token.key;
            setDialog({ kind: "none" });
            await act(() => api.remove(key));
          }}
        >
          {t("apiTokensDeleteConfirm")}
        </ConfirmDialog>
      )}
    </>
  );
};

export default ApiTokens;
