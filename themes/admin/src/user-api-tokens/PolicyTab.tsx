import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, type AdminTokensApi, type Policy } from "./api";
import { ScopeSelect } from "./ScopeSelect";

type Props = { api: AdminTokensApi; canManage: boolean };

/** The form's values: what the admin typed, sent as typed so that the server's 400 names what is wrong. */
type Values = {
  maxLifetimeDays: string;
  expiryRequired: boolean;
  defaultLifetimeDays: string;
  maxTokensPerUser: string;
  availableScopes: string[];
  exchangeClientId: string;
  reminderDays: string;
  recentLoginMinutes: string;
};

const toValues = (policy: Policy): Values => ({
  maxLifetimeDays: String(policy.maxLifetimeDays),
  expiryRequired: policy.expiryRequired,
  defaultLifetimeDays: String(policy.defaultLifetimeDays),
  maxTokensPerUser: String(policy.maxTokensPerUser),
  availableScopes: policy.availableScopes,
  exchangeClientId: policy.exchangeClientId,
  reminderDays: policy.reminderDays.join(", "),
  recentLoginMinutes: String(policy.recentLoginMinutes),
});

/** A whole number as a number; anything else as the text typed (the server refuses it with a 400). */
const wholeNumber = (text: string): number | string => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : text.trim());

const toPolicy = (values: Values) => ({
  maxLifetimeDays: wholeNumber(values.maxLifetimeDays),
  expiryRequired: values.expiryRequired,
  defaultLifetimeDays: wholeNumber(values.defaultLifetimeDays),
  maxTokensPerUser: wholeNumber(values.maxTokensPerUser),
  availableScopes: values.availableScopes,
  exchangeClientId: values.exchangeClientId.trim(),
  reminderDays: values.reminderDays
    .split(",")
    .map((day) => day.trim())
    .filter((day) => day !== "")
    .map(wholeNumber),
  recentLoginMinutes: wholeNumber(values.recentLoginMinutes),
});

/** GET/PUT …/personal-api-tokens/policy; every field, saved at once. */
export const PolicyTab = ({ api, canManage }: Props) => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const [saved, setSaved] = useState<Policy>();
  const [values, setValues] = useState<Values>();
  const [scopes, setScopes] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [success, setSuccess] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([api.policy(controller.signal), adminClient.clientScopes.find()])
      .then(([policy, clientScopes]) => {
        setSaved(policy);
        setValues(toValues(policy));
        setScopes(clientScopes.map((scope) => scope.name!).filter(Boolean).sort());
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setRefusal(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [api, adminClient]);

  if (!values || !saved) {
    return refusal ? (
      <PageSection variant="light">
        <Alert isInline variant="danger" title={refusal} data-testid="policy-error" />
      </PageSection>
    ) : (
      <div className="pf-v5-u-text-align-center pf-v5-u-p-xl">
        <Spinner aria-label={t("loading")} />
      </div>
    );
  }

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues({ ...values, [field]: value });
    setSuccess(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(undefined);
    setSuccess(false);
    try {
      const policy = await api.savePolicy(toPolicy(values));
      setSaved(policy);
      setValues(toValues(policy));
      setSuccess(true);
    } catch (error) {
      setRefusal(error instanceof ApiError ? error.description || error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  type NumberField = "maxLifetimeDays" | "defaultLifetimeDays" | "maxTokensPerUser" | "recentLoginMinutes";
  const number = (field: NumberField, label: string, help: string) => (
    <FormGroup label={t(label)} fieldId={`policy-${field}`}>
      <TextInput
        id={`policy-${field}`}
        type="number"
        min={0}
        value={values[field]}
        onChange={(_event, value) => set(field, value)}
        isDisabled={!canManage}
      />
      <Help text={t(help)} />
    </FormGroup>
  );

  return (
    <PageSection variant="light">
      <Form isHorizontal onSubmit={submit} className="pf-v5-u-mt-md" style={{ maxWidth: "60rem" }} data-testid="policy-form">
        {number("maxLifetimeDays", "patMaxLifetimeDays", "patMaxLifetimeDaysHelp")}
        <FormGroup label={t("patExpiryRequired")} fieldId="policy-expiryRequired" hasNoPaddingTop>
          <Switch
            id="policy-expiryRequired"
            label={t("on")}
            labelOff={t("off")}
            isChecked={values.expiryRequired}
            onChange={(_event, checked) => set("expiryRequired", checked)}
            isDisabled={!canManage}
          />
          <Help text={t("patExpiryRequiredHelp")} />
        </FormGroup>
        {number("defaultLifetimeDays", "patDefaultLifetimeDays", "patDefaultLifetimeDaysHelp")}
        {number("maxTokensPerUser", "patMaxTokensPerUser", "patMaxTokensPerUserHelp")}
        {number("recentLoginMinutes", "patRecentLoginMinutes", "patRecentLoginMinutesHelp")}
        <FormGroup label={t("patAvailableScopes")} fieldId="policy-availableScopes">
          <ScopeSelect
            id="policy-availableScopes"
            options={scopes}
            selected={values.availableScopes}
            onChange={(selected) => set("availableScopes", selected)}
            isDisabled={!canManage}
          />
          <Help text={t("patAvailableScopesHelp")} />
        </FormGroup>
        <FormGroup label={t("patExchangeClientId")} fieldId="policy-exchangeClientId">
          <TextInput
            id="policy-exchangeClientId"
            value={values.exchangeClientId}
            onChange={(_event, value) => set("exchangeClientId", value)}
            isDisabled={!canManage}
          />
          <Help text={t("patExchangeClientIdHelp")} />
        </FormGroup>
        <FormGroup label={t("patReminderDays")} fieldId="policy-reminderDays">
          <TextInput
            id="policy-reminderDays"
            value={values.reminderDays}
            onChange={(_event, value) => set("reminderDays", value)}
            isDisabled={!canManage}
          />
          <Help text={t("patReminderDaysHelp")} />
        </FormGroup>
        {refusal && (
          <Alert isInline variant="danger" title={t("patPolicyRefused")} data-testid="policy-error">
            {refusal}
          </Alert>
        )}
        {success && <Alert isInline variant="success" title={t("patPolicySaved")} data-testid="policy-saved" />}
        {canManage && (
          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-testid="policy-save">
              {t("patSave")}
            </Button>
            <Button
              variant="link"
              data-testid="policy-revert"
              onClick={() => {
                setValues(toValues(saved));
                setRefusal(undefined);
                setSuccess(false);
              }}
            >
              {t("patRevert")}
            </Button>
          </ActionGroup>
        )}
      </Form>
    </PageSection>
  );
};

const Help = ({ text }: { text: string }) => (
  <FormHelperText>
    <HelperText>
      <HelperTextItem>{text}</HelperTextItem>
    </HelperText>
  </FormHelperText>
);
