import { Alert, Button, ClipboardCopy, Modal, ModalVariant, Stack, StackItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { formatDateTime } from "./format";
import type { ApiToken } from "./tokens";

/** Create and rotate answer with the token's value, this one time. */
export type IssuedToken = ApiToken & { token: string };

type Props = { issued: IssuedToken; rotated: boolean; onClose: () => void };

/**
 * The token's value, shown this one time after create or rotate, with a Copy button; after a rotation with an
 * overlap, until when the previous value keeps working.
 */
export const IssuedTokenDialog = ({ issued, rotated, onClose }: Props) => {
  const { t, i18n } = useTranslation();
  const detail = !rotated
    ? t("apiTokensShownOnceDetail")
    : issued.previousSecretExpiresAt
      ? t("apiTokensShownOnceOverlap", { time: formatDateTime(issued.previousSecretExpiresAt, i18n.language) })
      : t("apiTokensShownOnceRotated");
  return (
    <Modal
      variant={ModalVariant.medium}
      title={rotated ? t("apiTokensRotatedTitle", { name: issued.name }) : t("apiTokensCreatedTitle", { name: issued.name })}
      isOpen
      onClose={onClose}
      data-testid="issued-token-dialog"
      actions={[
        <Button key="done" variant="primary" onClick={onClose} data-testid="issued-token-done">
          {t("apiTokensDone")}
        </Button>,
      ]}
    >
      <Stack hasGutter>
        <StackItem>
          <Alert variant="warning" isInline title={t("apiTokensShownOnce")} data-testid="issued-token-notice">
            {detail}
          </Alert>
        </StackItem>
        <StackItem>
          <ClipboardCopy
            isReadOnly
            hoverTip={t("apiTokensCopy")}
            clickTip={t("apiTokensCopied")}
            textAriaLabel={t("apiTokensValue")}
            toggleAriaLabel={t("apiTokensShowValue")}
            data-testid="issued-token"
          >
            {issued.token}
          </ClipboardCopy>
        </StackItem>
      </Stack>
    </Modal>
  );
};
