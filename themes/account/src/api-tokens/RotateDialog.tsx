import { OverlapChoice } from "@kcpat/shared";
import { Form, Text, TextContent } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApiToken, Policy } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";

type Props = {
  token: ApiToken;
  policy: Policy;
  /** The overlap chosen before signing in again, if the page comes back from that. */
  overlapMinutes?: number;
  onRotate: (overlapMinutes: number) => Promise<void>;
  onCancel: () => void;
};

/** "Rotate": asks how long the current value keeps working beside the new one (none, an hour, a day, a week). */
export const RotateDialog = ({ token, policy, overlapMinutes = 0, onRotate, onCancel }: Props) => {
  const { t } = useTranslation();
  const [overlap, setOverlap] = useState(Math.min(overlapMinutes, policy.maxRotationOverlapMinutes));
  return (
    <ConfirmDialog
      title={t("apiTokensRotateTitle", { name: token.name })}
      confirmLabel={t("apiTokensRotate")}
      onCancel={onCancel}
      onConfirm={() => onRotate(overlap)}
    >
      <TextContent className="pf-v5-u-mb-md">
        <Text component="p">{t("apiTokensRotateExplain")}</Text>
      </TextContent>
      <Form onSubmit={(event) => event.preventDefault()}>
        <OverlapChoice value={overlap} onChange={setOverlap} maxMinutes={policy.maxRotationOverlapMinutes} />
      </Form>
    </ConfirmDialog>
  );
};
