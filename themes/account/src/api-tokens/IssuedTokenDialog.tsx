import { Alert, Button, ClipboardCopy, Modal, ModalVariant, Stack, StackItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import type { IssuedToken } from "./api";

type Props = { issued: IssuedToken; rotated: boolean; onClose: () => void };

/** The token's value, shown this one time after create or rotate, with a Copy button. */
export const IssuedTokenDialog = ({ issued, rotated, onClose }: Props) => {
  const { t } = useTranslation();
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
          <Alert variant="warning" isInline title={t("apiTokensShownOnce")}>
            {rotated ? t("apiTokensShownOnceRotated") : t("apiTokensShownOnceDetail")}
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
