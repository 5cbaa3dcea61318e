export {
  AllowedIpsCell,
  CreatedCell,
  ExpiresCell,
  LastUsedCell,
  LifecycleNotes,
  RolesCell,
  ScopesCell,
  StateLabel,
  TokenNameCell,
  useDoorName,
} from "./cells";
export { joinPath, parseServerMessages } from "./console";
export { formatDate, formatDateTime } from "./format";
export { ApiError, errorMessage, jsonClient, tokenCalls, type Call } from "./http";
export { IssuedTokenDialog, type IssuedToken } from "./IssuedTokenDialog";
export { OverlapChoice } from "./OverlapChoice";
export { listRoles, roleLabel, sameRole, toTokenRoles, type RoleRef } from "./roles";
export { overlapChoices, rotateBody } from "./rotation";
export {
  toggledState,
  type ApiToken,
  type DisabledBy,
  type Door,
  type Policy,
  type TokenRoles,
  type TokenState,
} from "./tokens";
