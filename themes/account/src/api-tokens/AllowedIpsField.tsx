import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import type { Policy } from "./api";

type Props = {
  value: string;
  onChange: (value: string) => void;
  policy: Policy;
  /** Shown instead of the help, e.g. that the policy requires an address. */
  error?: string;
};

/** The addresses and CIDR ranges a token may be used from, as the user types them (see {@link splitAddresses}). */
export const AllowedIpsField = ({ value, onChange, policy, error }: Props) => {
  const { t } = useTranslation();
  return (
    <FormGroup label={t("apiTokensAllowedIps")} fieldId="api-token-allowed-ips" isRequired={policy.allowedIpsRequired}>
      <TextArea
        id="api-token-allowed-ips"
        name="allowedIps"
        value={value}
        onChange={(_event, text) => onChange(text)}
        rows={2}
        resizeOrientation="vertical"
        isRequired={policy.allowedIpsRequired}
        validated={error ? "error" : "default"}
        aria-describedby="api-token-allowed-ips-helper"
      />
      <FormHelperText>
        <HelperText id="api-token-allowed-ips-helper" aria-live="polite">
          <HelperTextItem variant={error ? "error" : "default"} data-testid={error ? "allowed-ips-error" : "allowed-ips-helper"}>
            {error ?? t(policy.allowedIpsRequired ? "apiTokensAllowedIpsHelpRequired" : "apiTokensAllowedIpsHelp")}
          </HelperTextItem>
          {policy.allowedIpsMinPrefixIpv4 > 0 && (
            <HelperTextItem>{t("apiTokensAllowedIpsWidestIpv4", { prefix: policy.allowedIpsMinPrefixIpv4 })}</HelperTextItem>
          )}
          {policy.allowedIpsMinPrefixIpv6 > 0 && (
            <HelperTextItem>{t("apiTokensAllowedIpsWidestIpv6", { prefix: policy.allowedIpsMinPrefixIpv6 })}</HelperTextItem>
          )}
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
};

/** The entries of the field: one per line or separated by commas (or spaces); the server checks each. */
export const splitAddresses = (text: string) => text.split(/[\s,]+/).filter((entry) => entry !== "");
