import { errorMessage, listRoles } from "@kcpat/shared";
import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import { HelpItem, NumberControl, SwitchControl, TextAreaControl, TextControl } from "@keycloak/keycloak-ui-shared";
import { ActionGroup, Alert, Button, Form, FormGroup, PageSection, Spinner } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import type { AdminPolicy, AdminTokensApi } from "./api";
import { entriesToRoles, rolesToEntries } from "./forbiddenRoleEntries";
import { ScopeSelect } from "./ScopeSelect";

type Props = { api: AdminTokensApi; canManage: boolean };

/**
 * The form's values: the policy, its reminder days and forbidden roles as the text the admin types ("7, 1";
 * "admin", "orders-api/write", one per line).
 */
type Values = Omit<AdminPolicy, "reminderDays" | "forbiddenRoles"> & { reminderDays: string; forbiddenRoles: string };

const toValues = (policy: AdminPolicy): Values => ({
  ...policy,
  reminderDays: policy.reminderDays.join(", "),
  forbiddenRoles: rolesToEntries(policy.forbiddenRoles),
});

/** A whole number as a number; anything else as the text typed (the server refuses it with a 400 that names it). */
const wholeNumber = (text: string): number | string => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : text.trim());

const toPolicy = (values: Values) => ({
  ...values,
  exchangeClientId: values.exchangeClientId.trim(),
  reminderDays: values.reminderDays
    .split(",")
    .map((day) => day.trim())
    .filter((day) => day !== "")
    .map(wholeNumber),
  forbiddenRoles: entriesToRoles(values.forbiddenRoles),
});

/** GET/PUT …/personal-api-tokens/policy; every field, saved at once. */
export const PolicyTab = ({ api, canManage }: Props) => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const form = useForm<Values>();
  const [saved, setSaved] = useState<AdminPolicy>();
  const [scopes, setScopes] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [success, setSuccess] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([api.policy(controller.signal), adminClient.clientScopes.find()])
      .then(([policy, clientScopes]) => {
        setSaved(policy);
        form.reset(toValues(policy));
        setScopes(clientScopes.map((scope) => scope.name!).filter(Boolean).sort());
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setRefusal(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [api, adminClient]);

  useEffect(() => {
    const subscription = form.watch(() => setSuccess(false));
    return () => subscription.unsubscribe();
  }, [form]);

  if (!saved) {
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

  const save = async (values: Values) => {
    setRefusal(undefined);
    setSuccess(false);
    try {
      const policy = await api.savePolicy(toPolicy(values));
      setSaved(policy);
      form.reset(toValues(policy));
      setSuccess(true);
    } catch (error) {
      setRefusal(errorMessage(error, String(error)));
    }
  };

  const number = (
    name:
      | "maxLifetimeDays"
      | "defaultLifetimeDays"
      | "maxTokensPerUser"
      | "recentLoginMinutes"
      | "allowedIpsMinPrefixIpv4"
      | "allowedIpsMinPrefixIpv6"
      | "disableAfterUnusedDays"
      | "idleWarningDays"
      | "maxRotationOverlapMinutes",
  ) => {
    const key = `apiTokens${name[0].toUpperCase()}${name.slice(1)}`;
    return (
      <NumberControl
        name={name}
        label={t(key)}
        labelIcon={t(`${key}Help`)}
        controller={{ defaultValue: 0, rules: { min: 0 } }}
        isDisabled={!canManage}
      />
    );
  };
  const toggle = (name: "expiryRequired" | "roleSelection" | "allowedIpsRequired") => {
    const key = `apiTokens${name[0].toUpperCase()}${name.slice(1)}`;
    return (
      <SwitchControl
        name={name}
        label={t(key)}
        labelIcon={t(`${key}Help`)}
        labelOn={t("on")}
        labelOff={t("off")}
        isDisabled={!canManage}
      />
    );
  };

  return (
    <PageSection variant="light">
      <FormProvider {...form}>
        <Form
          isHorizontal
          onSubmit={form.handleSubmit(save)}
          className="pf-v5-u-mt-md"
          style={{ maxWidth: "60rem" }}
          data-testid="policy-form"
        >
          {number("maxLifetimeDays")}
          {toggle("expiryRequired")}
          {number("defaultLifetimeDays")}
          {number("maxTokensPerUser")}
          {number("recentLoginMinutes")}
          <FormGroup
            label={t("apiTokensAvailableScopes")}
            fieldId="availableScopes"
            labelIcon={<HelpItem helpText={t("apiTokensAvailableScopesHelp")} fieldLabelId="availableScopes" />}
          >
            <Controller
              name="availableScopes"
              control={form.control}
              render={({ field }) => (
                <ScopeSelect
                  id="availableScopes"
                  options={scopes}
                  selected={field.value}
                  onChange={field.onChange}
                  isDisabled={!canManage}
                />
              )}
            />
          </FormGroup>
          {toggle("roleSelection")}
          <TextAreaControl
            name="forbiddenRoles"
            label={t("apiTokensForbiddenRoles")}
            labelIcon={t("apiTokensForbiddenRolesHelp")}
            placeholder={t("apiTokensForbiddenRolesPlaceholder")}
            rows={Math.min(12, listRoles(saved.forbiddenRoles).length + 2)}
            resizeOrientation="vertical"
            isDisabled={!canManage}
          />
          {toggle("allowedIpsRequired")}
          {number("allowedIpsMinPrefixIpv4")}
          {number("allowedIpsMinPrefixIpv6")}
          {number("disableAfterUnusedDays")}
          {number("idleWarningDays")}
          {number("maxRotationOverlapMinutes")}
          <TextControl
            name="exchangeClientId"
            label={t("apiTokensExchangeClientId")}
            labelIcon={t("apiTokensExchangeClientIdHelp")}
            isDisabled={!canManage}
          />
          <TextControl
            name="reminderDays"
            label={t("apiTokensReminderDays")}
            labelIcon={t("apiTokensReminderDaysHelp")}
            isDisabled={!canManage}
          />
          {refusal && (
            <Alert isInline variant="danger" title={t("apiTokensPolicyRefused")} data-testid="policy-error">
              {refusal}
            </Alert>
          )}
          {success && <Alert isInline variant="success" title={t("apiTokensPolicySaved")} data-testid="policy-saved" />}
          {canManage && (
            <ActionGroup>
              <Button
                type="submit"
                variant="primary"
                isLoading={form.formState.isSubmitting}
                isDisabled={form.formState.isSubmitting}
                data-testid="policy-save"
              >
                {t("apiTokensSave")}
              </Button>
              <Button
                variant="link"
                data-testid="policy-revert"
                onClick={() => {
                  form.reset(toValues(saved));
                  setRefusal(undefined);
                  setSuccess(false);
                }}
              >
                {t("apiTokensRevert")}
              </Button>
            </ActionGroup>
          )}
        </Form>
      </FormProvider>
    </PageSection>
  );
};
