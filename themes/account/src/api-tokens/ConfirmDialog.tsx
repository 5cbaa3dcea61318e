import { Button, Modal, ModalVariant } from "@patternfly/react-core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
};

export const ConfirmDialog = ({ title, children, confirmLabel, danger, onConfirm, onCancel }: Props) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      variant={ModalVariant.small}
      title={title}
      titleIconVariant={danger ? "danger" : "warning"}
      isOpen
      onClose={onCancel}
      data-testid="confirm-dialog"
      actions={[
        <Button
          key="confirm"
          variant={danger ? "danger" : "primary"}
          isLoading={busy}
          isDisabled={busy}
          data-testid="confirm"
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </Button>,
        <Button key="cancel" variant="link" onClick={onCancel}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {children}
    </Modal>
  );
};
