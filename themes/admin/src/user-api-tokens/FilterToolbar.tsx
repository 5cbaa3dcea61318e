import { FormSelect, FormSelectOption, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { CommitInput } from "./CommitInput";
import type { SortField, TokenFilter, TokenSort } from "./filters";

type Props = {
  filter: TokenFilter;
  sort: TokenSort;
  onFilter: (filter: TokenFilter) => void;
  onSort: (sort: TokenSort) => void;
};

const SORT_FIELDS: SortField[] = ["owner", "name", "created", "expiry", "lastUsed"];

/** A positive whole number typed, else {@code fallback}. */
const days = (text: string, fallback: number) => (/^\s*[1-9]\d*\s*$/.test(text) ? Number(text) : fallback);

/**
 * The list's filters and sort order, each a native select or a field applied on Enter: search, use (never / unused for
 * N days), expiry (within N days / expired / not expired), state (and who disabled it), owner disabled, scope, role.
 */
export const FilterToolbar = ({ filter, sort, onFilter, onSort }: Props) => {
  const { t } = useTranslation();
  const set = (change: Partial<TokenFilter>) => onFilter({ ...filter, ...change });

  const select = <K extends keyof TokenFilter>(name: K, label: string, options: [TokenFilter[K], string][]) => (
    <ToolbarItem>
      <FormSelect
        id={`filter-${name}`}
        data-testid={`filter-${name}`}
        aria-label={label}
        value={String(filter[name])}
        onChange={(_event, value) => set({ [name]: value } as Partial<TokenFilter>)}
      >
        {options.map(([value, text]) => (
          <FormSelectOption key={String(value)} value={String(value)} label={text} />
        ))}
      </FormSelect>
    </ToolbarItem>
  );

  return (
    <Toolbar data-testid="token-filters" className="pf-v5-u-pb-0">
      <ToolbarContent>
        <ToolbarGroup variant="filter-group">
          <ToolbarItem>
            <CommitInput
              id="filter-search"
              value={filter.search}
              onCommit={(search) => set({ search })}
              ariaLabel={t("apiTokensSearch")}
              placeholder={t("apiTokensSearch")}
              width="18rem"
            />
          </ToolbarItem>
          {select("use", t("apiTokensFilterUse"), [
            ["", t("apiTokensFilterUseAny")],
            ["neverUsed", t("apiTokensFilterNeverUsed")],
            ["unused", t("apiTokensFilterUnused")],
          ])}
          {filter.use === "unused" && (
            <ToolbarItem>
              <CommitInput
                id="filter-unusedDays"
                type="number"
                value={String(filter.unusedDays)}
                onCommit={(text) => set({ unusedDays: days(text, filter.unusedDays) })}
                ariaLabel={t("apiTokensFilterDays")}
                width="6rem"
              />
            </ToolbarItem>
          )}
          {select("expiry", t("apiTokensFilterExpiry"), [
            ["", t("apiTokensFilterExpiryAny")],
            ["expiring", t("apiTokensFilterExpiring")],
            ["expired", t("apiTokensFilterExpired")],
            ["notExpired", t("apiTokensFilterNotExpired")],
          ])}
          {filter.expiry === "expiring" && (
            <ToolbarItem>
              <CommitInput
                id="filter-expiringWithinDays"
                type="number"
                value={String(filter.expiringWithinDays)}
                onCommit={(text) => set({ expiringWithinDays: days(text, filter.expiringWithinDays) })}
                ariaLabel={t("apiTokensFilterDays")}
                width="6rem"
              />
            </ToolbarItem>
          )}
          {select("state", t("apiTokensState"), [
            ["", t("apiTokensFilterStateAny")],
            ["active", t("apiTokensActive")],
            ["disabled", t("apiTokensFilterDisabled")],
            ["owner", t("apiTokensDisabledByOwner")],
            ["admin", t("apiTokensDisabledByAdmin")],
            ["idle", t("apiTokensDisabledIdle")],
          ])}
          {select("owner", t("apiTokensFilterOwner"), [
            ["", t("apiTokensFilterOwnerAny")],
            ["disabled", t("apiTokensFilterOwnerDisabled")],
            ["enabled", t("apiTokensFilterOwnerEnabled")],
          ])}
          <ToolbarItem>
            <CommitInput
              id="filter-scope"
              value={filter.scope}
              onCommit={(scope) => set({ scope })}
              ariaLabel={t("apiTokensScopes")}
              placeholder={t("apiTokensFilterScope")}
              width="9rem"
            />
          </ToolbarItem>
          <ToolbarItem>
            <CommitInput
              id="filter-role"
              value={filter.role}
              onCommit={(role) => set({ role })}
              ariaLabel={t("apiTokensRoles")}
              placeholder={t("apiTokensFilterRole")}
              width="11rem"
            />
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarGroup variant="filter-group" align={{ default: "alignRight" }}>
          <ToolbarItem>
            <FormSelect
              id="sort-by"
              data-testid="sort-by"
              aria-label={t("apiTokensSortBy")}
              value={sort.sort}
              onChange={(_event, value) => onSort({ ...sort, sort: value as SortField })}
            >
              {SORT_FIELDS.map((field) => (
                <FormSelectOption key={field} value={field} label={t(`apiTokensSortBy_${field}`)} />
              ))}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect
              id="sort-order"
              data-testid="sort-order"
              aria-label={t("apiTokensSortOrder")}
              value={sort.order}
              onChange={(_event, value) => onSort({ ...sort, order: value as TokenSort["order"] })}
            >
              <FormSelectOption value="asc" label={t("apiTokensSortAsc")} />
              <FormSelectOption value="desc" label={t("apiTokensSortDesc")} />
            </FormSelect>
          </ToolbarItem>
        </ToolbarGroup>
      </ToolbarContent>
    </Toolbar>
  );
};
