import { errorMessage } from "@kcpat/shared";
import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  Modal,
  ModalVariant,
  Spinner,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type { AdminTokensApi, BulkAction, BulkResult } from "./api";
import type { FilterParams } from "./filters";

/** The tokens a bulk action acts on: the rows ticked, or every token the list's filter matches. */
export type BulkTarget = { keys: string[] } | { filter: FilterParams };

type Props = {
  api: AdminTokensApi;
  action: BulkAction;
  target: BulkTarget;
  /** Closed; {@code acted}: the server was asked, so the list may have changed. */
  onClose: (acted: boolean) => void;
};

type Phase =
  | { kind: "confirm" }
  | { kind: "busy" }
  | { kind: "done"; result: BulkResult }
  | { kind: "failed"; message: string };

/** yyyy-MM-dd of today, the smallest day an expiry may be set to. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Asks before a bulk action, naming how many tokens it acts on (the selection's size, or GET …/tokens/count for the
 * filter), then calls POST …/tokens/bulk and shows its answer: how many changed, and each token that failed, and why.
 */
export const BulkDialog = ({ api, action, target, onClose }: Props) => {
  const { t } = useTranslation();
  const [count, setCount] = useState<number | undefined>("keys" in target ? target.keys.length : undefined);
  const [countError, setCountError] = useState<string>();
  const [expiryDay, setExpiryDay] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "confirm" });

  useEffect(() => {
    if ("keys" in target) return;
    const controller = new AbortController();
    api
      .count(target.filter, controller.signal)
      .then(setCount)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setCountError(errorMessage(error, String(error)));
      });
    return () => controller.abort();
  }, [api, target]);

  const run = async () => {
    setPhase({ kind: "busy" });
    try {
      const expiresAt = action === "expire" && expiryDay ? new Date(`${expiryDay}T23:59:59`).toISOString() : undefined;
      const result = await api.bulk({ action, ...target, ...(expiresAt && { expiresAt }) });
      setPhase({ kind: "done", result });
    } catch (error) {
      setPhase({ kind: "failed", message: errorMessage(error, String(error)) });
    }
  };

  const acted = phase.kind === "done" || phase.kind === "failed";
  const actions =
    phase.kind === "confirm" || phase.kind === "busy"
      ? [
          <Button
            key="confirm"
            variant={action === "delete" ? "danger" : "primary"}
            data-testid="bulk-confirm"
            isLoading={phase.kind === "busy"}
            isDisabled={phase.kind === "busy" || count === undefined || count === 0}
            onClick={run}
          >
            {t(`apiTokensBulkDo_${action}`, { count: count ?? 0 })}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => onClose(false)}>
            {t("cancel")}
          </Button>,
        ]
      : [
          <Button key="close" variant="primary" data-testid="bulk-close" onClick={() => onClose(true)}>
            {t("close")}
          </Button>,
        ];

  return (
    <Modal
      variant={ModalVariant.small}
      title={t(`apiTokensBulkTitle_${action}`)}
      titleIconVariant={action === "delete" ? "danger" : "warning"}
      isOpen
      onClose={() => onClose(acted)}
      data-testid="bulk-dialog"
      actions={actions}
    >
      {(phase.kind === "confirm" || phase.kind === "busy") && (
        <>
          <p data-testid="bulk-count">
            {count === undefined
              ? countError ?? <Spinner size="md" aria-label={t("loading")} />
              : t("keys" in target ? "apiTokensBulkCountSelected" : "apiTokensBulkCountMatching", { count })}
          </p>
          <p className="pf-v5-u-mt-sm">{t(`apiTokensBulkExplain_${action}`)}</p>
          {action === "expire" && (
            <Form className="pf-v5-u-mt-md" onSubmit={(event) => event.preventDefault()}>
              <FormGroup label={t("apiTokensBulkExpiry")} fieldId="bulk-expiry">
                <TextInput
                  id="bulk-expiry"
                  data-testid="bulk-expiry"
                  type="date"
                  min={today()}
                  value={expiryDay}
                  onChange={(_event, value) => setExpiryDay(value)}
                />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t("apiTokensBulkExpiryHelp")}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            </Form>
          )}
        </>
      )}
      {phase.kind === "failed" && <Alert isInline variant="danger" title={phase.message} data-testid="bulk-error" />}
      {phase.kind === "done" && <BulkAnswer result={phase.result} />}
    </Modal>
  );
};

/** What the server did: how many changed of those matched, and each failure with the server's reason. */
const BulkAnswer = ({ result }: { result: BulkResult }) => {
  const { t } = useTranslation();
  return (
    <>
      <Alert
        isInline
        variant={result.failed.length === 0 ? "success" : "warning"}
        title={t("apiTokensBulkChanged", { changed: result.changed, matched: result.matched })}
        data-testid="bulk-result"
        data-changed={result.changed}
        data-matched={result.matched}
        data-failed={result.failed.length}
      />
      {result.failed.length > 0 && (
        <>
          <p className="pf-v5-u-mt-md">{t("apiTokensBulkFailed", { count: result.failed.length })}</p>
          <List data-testid="bulk-failures">
            {result.failed.map((failure) => (
              <ListItem key={failure.key}>
                <code>{failure.key}</code>: {failure.error_description || failure.error}
              </ListItem>
            ))}
          </List>
        </>
      )}
    </>
  );
};
