import { FormGroup, FormHelperText, HelperText, HelperTextItem, Radio } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { overlapChoices } from "./rotation";

type Props = {
  value: number;
  onChange: (minutes: number) => void;
  /** The policy's maxRotationOverlapMinutes; undefined when it could not be read (every choice offered). */
  maxMinutes?: number;
};

const LABEL_KEYS: Record<number, string> = {
  0: "apiTokensOverlapNone",
  60: "apiTokensOverlapHour",
  1440: "apiTokensOverlapDay",
  10080: "apiTokensOverlapWeek",
};

/** How long the value a rotation replaces keeps working: the choices the policy allows, as radio buttons. */
export const OverlapChoice = ({ value, onChange, maxMinutes }: Props) => {
  const { t } = useTranslation();
  const choices = overlapChoices(maxMinutes);
  return (
    <FormGroup role="radiogroup" label={t("apiTokensOverlap")} fieldId="api-token-overlap" isStack>
      {choices.map((minutes) => (
        <Radio
          key={minutes}
          id={`api-token-overlap-${minutes}`}
          name="overlapMinutes"
          data-testid={`overlap-${minutes}`}
          label={t(LABEL_KEYS[minutes])}
          isChecked={value === minutes}
          onChange={() => onChange(minutes)}
        />
      ))}
      <FormHelperText>
        <HelperText>
          <HelperTextItem>{t(choices.length > 1 ? "apiTokensOverlapHelp" : "apiTokensOverlapNoneAllowed")}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
};
