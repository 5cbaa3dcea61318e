import { errorMessage, IssuedTokenDialog, OverlapChoice, type IssuedToken } from "@kcpat/shared";
import { Alert, Button, Form, Modal, ModalVariant, Text, TextContent } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AdminToken, AdminTokensApi } from "./api";

type Props = {
  api: AdminTokensApi;
  token: AdminToken;
  /** The policy's maxRotationOverlapMinutes, when this admin may read the policy. */
  maxOverlapMinutes?: number;
  /** Closed; {@code rotated}: the token changed. */
  onClose: (rotated: boolean) => void;
};

/**
 * "Rotate" of a row: asks for the overlap, then shows the new value once. The server also asks for the impersonation
 * permission for the owner (a new value acts as them); its refusal is shown in the dialog.
 */
export const RotateTokenDialog = ({ api, token, maxOverlapMinutes, onClose }: Props) => {
  const { t } = useTranslation();
  const [overlap, setOverlap] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [issued, setIssued] = useState<IssuedToken>();

  if (issued) return <IssuedTokenDialog issued={issued} rotated onClose={() => onClose(true)} />;

  const rotate = async () => {
    setBusy(true);
    setRefusal(undefined);
    try {
      setIssued(await api.rotate(token.key, overlap));
    } catch (error) {
      setRefusal(errorMessage(error, String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      title={t("apiTokensRotateTitle", { name: token.name, user: token.user.username })}
      titleIconVariant="warning"
      isOpen
      onClose={() => onClose(false)}
      data-testid="rotate-dialog"
      actions={[
        <Button key="rotate" variant="primary" data-testid="confirm" isLoading={busy} isDisabled={busy} onClick={rotate}>
          {t("apiTokensRotate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={() => onClose(false)}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <TextContent className="pf-v5-u-mb-md">
        <Text component="p">{t("apiTokensRotateExplain", { user: token.user.username })}</Text>
      </TextContent>
      <Form onSubmit={(event) => event.preventDefault()}>
        <OverlapChoice value={overlap} onChange={setOverlap} maxMinutes={maxOverlapMinutes} />
        {refusal && <Alert isInline variant="danger" title={refusal} data-testid="rotate-error" />}
      </Form>
    </Modal>
  );
};
