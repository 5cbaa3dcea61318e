/**
 * The admin list's filters and sorting as the page holds them, and as the REST API takes them: query parameters of
 * GET …/tokens and …/tokens/count, the same names JSON-typed as the "filter" of POST …/tokens/bulk.
 */
export type TokenFilter = {
  /** Username or token name. */
  search: string;
  use: "" | "neverUsed" | "unused";
  unusedDays: number;
  expiry: "" | "expiring" | "expired" | "notExpired";
  expiringWithinDays: number;
  /** Active, disabled, or disabled by whom. */
  state: "" | "active" | "disabled" | "owner" | "admin" | "idle";
  owner: "" | "disabled" | "enabled";
  scope: string;
  /** A realm role, or clientId/role. */
  role: string;
};

export type SortField = "owner" | "name" | "created" | "expiry" | "lastUsed";

export type TokenSort = { sort: SortField; order: "asc" | "desc" };

export const NO_FILTER: TokenFilter = {
  search: "",
  use: "",
  unusedDays: 90,
  expiry: "",
  expiringWithinDays: 30,
  state: "",
  owner: "",
  scope: "",
  role: "",
};

export const DEFAULT_SORT: TokenSort = { sort: "owner", order: "asc" };

export type FilterParams = Record<string, string | number | boolean>;

/** The REST API's names and values of the filters set; nothing for "any". */
export function filterParams(filter: TokenFilter): FilterParams {
  const params: FilterParams = {};
  if (filter.search.trim()) params.search = filter.search.trim();
  if (filter.use === "neverUsed") params.neverUsed = true;
  if (filter.use === "unused") params.unusedDays = filter.unusedDays;
  if (filter.expiry === "expiring") params.expiringWithinDays = filter.expiringWithinDays;
  if (filter.expiry === "expired") params.expired = true;
  if (filter.expiry === "notExpired") params.expired = false;
  if (filter.state === "active" || filter.state === "disabled") params.state = filter.state;
  if (filter.state === "owner" || filter.state === "admin" || filter.state === "idle") params.disabledBy = filter.state;
  if (filter.owner) params.ownerDisabled = filter.owner === "disabled";
  if (filter.scope.trim()) params.scope = filter.scope.trim();
  if (filter.role.trim()) params.role = filter.role.trim();
  return params;
}

/** Whether any filter narrows the list (then an empty list says "no results", not "no tokens"). */
export const isFiltered = (filter: TokenFilter) => Object.keys(filterParams(filter)).length > 0;

/** Query parameters of the list and count endpoints. */
export function toQuery(params: FilterParams, more: Record<string, string | number> = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...more })) query.set(name, String(value));
  return query;
}
