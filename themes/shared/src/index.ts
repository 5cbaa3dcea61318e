export { AllowedIpsCell, CreatedCell, ExpiresCell, LastUsedCell, RolesCell, ScopesCell, StateLabel, TokenNameCell } from "./cells";
export { joinPath, parseServerMessages } from "./console";
export { formatDate, formatDateTime } from "./format";
export { ApiError, errorMessage, jsonClient, tokenCalls, type Call } from "./http";
export { listRoles, roleLabel, sameRole, toTokenRoles, type RoleRef } from "./roles";
export { toggledState, type ApiToken, type Policy, type TokenRoles, type TokenState } from "./tokens";
