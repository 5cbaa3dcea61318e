import {
  Alert,
  Checkbox,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  SearchInput,
  Spinner,
  Title,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { listRoles, sameRole, type RoleRef } from "@kcpat/shared";

import type { ChoosableRoles } from "./useChoosableRoles";

type Props = {
  choosable: ChoosableRoles;
  chosen: RoleRef[];
  onChange: (chosen: RoleRef[]) => void;
};

/**
 * The create dialog's "Roles": the roles the user may give a token, realm roles first, then one group per client,
 * narrowed by a filter; nothing chosen means the token carries all the roles its scopes give.
 */
export const RolePicker = ({ choosable, chosen, onChange }: Props) => {
  const { t } = useTranslation();
  return (
    <FormGroup label={t("apiTokensRoles")} fieldId="api-token-roles-filter" role="group" isStack>
      {choosable.kind === "loading" && <Spinner size="md" aria-label={t("apiTokensRolesLoading")} />}
      {choosable.kind === "failed" && (
        <Alert variant="warning" isInline isPlain title={t("apiTokensRolesLoadFailed")} data-testid="roles-load-failed">
          {choosable.message}
        </Alert>
      )}
      {choosable.kind === "ready" && (
        <FilteredRoleGroups roles={listRoles(choosable.roles)} chosen={chosen} onChange={onChange} />
      )}
      <FormHelperText>
        <HelperText id="api-token-roles-helper">
          <HelperTextItem data-testid="roles-helper">
            {chosen.length === 0 ? t("apiTokensRolesHelpNone") : t("apiTokensRolesHelpChosen", { count: chosen.length })}
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
};

const FilteredRoleGroups = ({ roles, chosen, onChange }: { roles: RoleRef[] } & Omit<Props, "choosable">) => {
  const { t } = useTranslation();
  const [filter, setFilter] = useState("");
  if (roles.length === 0) {
    return (
      <HelperText>
        <HelperTextItem>{t("apiTokensNoRolesAvailable")}</HelperTextItem>
      </HelperText>
    );
  }
  const shown = roles.filter((ref) => matches(ref, filter));
  const toggle = (ref: RoleRef, checked: boolean) =>
    onChange(checked ? [...chosen, ref] : chosen.filter((other) => !sameRole(other, ref)));
  return (
    <>
      <SearchInput
        searchInputId="api-token-roles-filter"
        placeholder={t("apiTokensRolesFilter")}
        aria-label={t("apiTokensRolesFilter")}
        value={filter}
        onChange={(_event, value) => setFilter(value)}
        onClear={() => setFilter("")}
      />
      <div className="kcpat-role-groups" data-testid="role-groups">
        {shown.length === 0 && (
          <HelperText>
            <HelperTextItem>{t("apiTokensRolesNoMatch", { filter: filter.trim() })}</HelperTextItem>
          </HelperText>
        )}
        {groupByClient(shown).map(({ client, roles: inGroup }, index) => (
          <div key={client ?? ""} role="group" aria-labelledby={`api-token-role-group-${index}`} data-testid="role-group">
            <Title headingLevel="h4" size="md" id={`api-token-role-group-${index}`} className="pf-v5-u-mt-sm pf-v5-u-mb-xs">
              {client ?? t("apiTokensRealmRoles")}
            </Title>
            {inGroup.map((ref) => (
              <Checkbox
                key={ref.role}
                id={roleInputId(ref)}
                label={ref.role}
                isChecked={chosen.some((other) => sameRole(other, ref))}
                onChange={(_event, checked) => toggle(ref, checked)}
                data-role-client={ref.client ?? ""}
                data-role-name={ref.role}
              />
            ))}
          </div>
        ))}
      </div>
    </>
  );
};

/** A role matches when its name or its client's id contains the filter, ignoring case. */
const matches = ({ client, role }: RoleRef, filter: string) => {
  const wanted = filter.trim().toLowerCase();
  return wanted === "" || role.toLowerCase().includes(wanted) || (client ?? "").toLowerCase().includes(wanted);
};

/** Consecutive roles of one client (listRoles' order: realm roles, then client by client) as one group. */
function groupByClient(roles: RoleRef[]) {
  const groups: { client?: string; roles: RoleRef[] }[] = [];
  for (const ref of roles) {
    const last = groups[groups.length - 1];
    if (last && last.client === ref.client) {
      last.roles.push(ref);
    } else {
      groups.push({ client: ref.client, roles: [ref] });
    }
  }
  return groups;
}

/** Unique per role, whatever characters client ids and role names hold. */
const roleInputId = ({ client, role }: RoleRef) =>
  `api-token-role-${client === undefined ? "realm" : `client-${encodeURIComponent(client)}`}/${encodeURIComponent(role)}`;
