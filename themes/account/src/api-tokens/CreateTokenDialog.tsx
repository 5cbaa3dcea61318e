import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  FormAlert,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, listRoles, sameRole, toTokenRoles, type RoleRef } from "@kcpat/shared";

import { AllowedIpsField, splitAddresses } from "./AllowedIpsField";
import { type IssuedToken, type Policy, type ScopeInfo, type TokensApi } from "./api";
import { daysFromToday, expiryInstant, parseIsoDate, toIsoDate } from "./format";
import { RolePicker } from "./RolePicker";
import { needsReauthentication, type Draft } from "./stepUp";
import { useChoosableRoles } from "./useChoosableRoles";

type Props = {
  api: TokensApi;
  policy: Policy;
  scopes: ScopeInfo[];
  /** The fields as the user left them before signing in again. */
  draft?: Draft;
  onCreated: (token: IssuedToken) => void;
  /** The server wants a more recent sign-in: keep the fields and go through Keycloak's login. */
  onReauthenticate: (draft: Draft, error: ApiError) => void;
  onCancel: () => void;
};

/**
 * Name, expiry within the policy, scopes, roles (when the policy offers them) and the addresses it may be used
 * from; the server's refusals are shown in the form.
 */
export const CreateTokenDialog = ({ api, policy, scopes, draft, onCreated, onReauthenticate, onCancel }: Props) => {
  const { t, i18n } = useTranslation();
  const tomorrow = daysFromToday(1);
  const latest = policy.maxLifetimeDays > 0 ? daysFromToday(policy.maxLifetimeDays) : undefined;
  const defaultDays = policy.defaultLifetimeDays > 0 ? policy.defaultLifetimeDays : policy.maxLifetimeDays || 90;

  const [name, setName] = useState(draft?.name ?? "");
  const [noExpiry, setNoExpiry] = useState(
    draft ? draft.noExpiry && !policy.expiryRequired : !policy.expiryRequired && policy.defaultLifetimeDays === 0,
  );
  const [expiry, setExpiry] = useState(draft?.expiry ?? toIsoDate(daysFromToday(defaultDays)));
  const [selected, setSelected] = useState<string[]>(
    draft?.scopes.filter((scope) => scopes.some((available) => available.name === scope)) ?? [],
  );
  const choosable = useChoosableRoles(api, policy.roleSelection);
  const [roles, setRoles] = useState<RoleRef[]>(draft?.roles ?? []);
  const [allowedIps, setAllowedIps] = useState(draft?.allowedIps ?? "");
  const [allowedIpsError, setAllowedIpsError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // the refusal is shown above the fields: bring it into view when the dialog is scrolled down to the last ones
  const formErrorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // a statement, not the effect's result: Chromium's scrollIntoView answers a promise, which React would call on cleanup
    formErrorRef.current?.scrollIntoView({ block: "nearest" });
  }, [formError]);

  const dateError = (date: Date) => {
    if (date < tomorrow) return t("apiTokensExpiryPast");
    if (latest && date > latest) return t("apiTokensExpiryTooLate", { days: policy.maxLifetimeDays });
    return "";
  };
  const pickedDay = parseIsoDate(expiry);
  const expiryInvalid = !noExpiry && (!pickedDay || dateError(pickedDay) !== "");
  // only roles the list offers are sent: a draft's role the user no longer holds could not be unticked
  const offered = choosable.kind === "ready" ? listRoles(choosable.roles) : [];
  const chosenRoles = roles.filter((role) => offered.some((other) => sameRole(other, role)));
  const addresses = splitAddresses(allowedIps);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setNameError(undefined);
    setAllowedIpsError(undefined);
    setFormError(undefined);
    if (!name.trim()) {
      setNameError(t("apiTokensNameRequired"));
      return;
    }
    if (policy.allowedIpsRequired && addresses.length === 0) {
      setAllowedIpsError(t("apiTokensAllowedIpsRequired"));
      return;
    }
    if (expiryInvalid) return;
    setBusy(true);
    try {
      const created = await api.create({
        name: name.trim(),
        expiresAt: noExpiry ? null : expiryInstant(pickedDay!, policy.maxLifetimeDays),
        scopes: selected,
        ...(chosenRoles.length > 0 && { roles: toTokenRoles(chosenRoles) }),
        ...(addresses.length > 0 && { allowedIps: addresses }),
      });
      onCreated(created);
    } catch (error) {
      if (needsReauthentication(error)) {
        onReauthenticate({ name, noExpiry, expiry, scopes: selected, roles: chosenRoles, allowedIps }, error);
        return;
      }
      if (error instanceof ApiError && error.status === 409) {
        setNameError(t("apiTokensNameTaken", { name: name.trim() }));
      } else if (error instanceof ApiError && error.status < 500) {
        setFormError(error.message);
      } else {
        setFormError(t("apiTokensServerError"));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("apiTokensCreateTitle")}
      description={t("apiTokensCreateDescription")}
      isOpen
      onClose={onCancel}
      actions={[
        <Button key="create" variant="primary" type="submit" form="create-api-token" isLoading={busy} isDisabled={busy}>
          {t("apiTokensCreate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onCancel}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form id="create-api-token" onSubmit={submit} noValidate>
        {formError && (
          <div ref={formErrorRef}>
            <FormAlert>
              <Alert variant="danger" title={formError} aria-live="polite" isInline data-testid="create-error" />
            </FormAlert>
          </div>
        )}
        <FormGroup label={t("apiTokensName")} isRequired fieldId="api-token-name">
          <TextInput
            id="api-token-name"
            name="name"
            value={name}
            onChange={(_event, value) => setName(value)}
            isRequired
            maxLength={64}
            autoFocus
            validated={nameError ? "error" : "default"}
            aria-describedby="api-token-name-helper"
          />
          <FormHelperText>
            <HelperText id="api-token-name-helper" aria-live="polite">
              <HelperTextItem variant={nameError ? "error" : "default"} data-testid={nameError ? "name-error" : undefined}>
                {nameError ?? t("apiTokensNameHelp")}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("apiTokensExpires")} fieldId="api-token-expiry" isRequired={policy.expiryRequired}>
          <DatePicker
            value={noExpiry ? "" : expiry}
            onChange={(_event, value) => setExpiry(value)}
            validators={[dateError]}
            rangeStart={tomorrow}
            isDisabled={noExpiry}
            inputProps={{ id: "api-token-expiry", name: "expiresAt" }}
            appendTo={() => document.body}
            aria-label={t("apiTokensExpires")}
            // the calendar's month and day names in the user's language; the field keeps yyyy-MM-dd, readable in every one
            locale={i18n.language}
          />
          {!policy.expiryRequired && (
            <Checkbox
              id="api-token-no-expiry"
              label={t("apiTokensNoExpiry")}
              isChecked={noExpiry}
              onChange={(_event, checked) => setNoExpiry(checked)}
            />
          )}
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                {policy.maxLifetimeDays > 0
                  ? t("apiTokensExpiryHelpMax", { days: policy.maxLifetimeDays })
                  : t("apiTokensExpiryHelp")}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("apiTokensScopes")} fieldId="api-token-scopes" role="group" isStack>
          {scopes.length === 0 && (
            <HelperText>
              <HelperTextItem>{t("apiTokensNoScopesAvailable")}</HelperTextItem>
            </HelperText>
          )}
          {scopes.map((scope) => (
            <Checkbox
              key={scope.name}
              id={`api-token-scope-${scope.name}`}
              name="scopes"
              label={scope.name}
              description={scope.description || undefined}
              isChecked={selected.includes(scope.name)}
              onChange={(_event, checked) =>
                setSelected((current) =>
                  checked ? [...current, scope.name] : current.filter((name) => name !== scope.name),
                )
              }
            />
          ))}
        </FormGroup>
        {choosable.kind !== "off" && <RolePicker choosable={choosable} chosen={chosenRoles} onChange={setRoles} />}
        <AllowedIpsField value={allowedIps} onChange={setAllowedIps} policy={policy} error={allowedIpsError} />
      </Form>
    </Modal>
  );
};
