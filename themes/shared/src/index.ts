export { CreatedCell, ExpiresCell, LastUsedCell, ScopesCell, StateLabel, TokenNameCell } from "./cells";
export { joinPath, parseServerMessages } from "./console";
export { formatDate, formatDateTime } from "./format";
export { ApiError, errorMessage, jsonClient, tokenCalls, type Call } from "./http";
export { toggledState, type ApiToken, type Policy, type TokenState } from "./tokens";
