import type { TokenRoles } from "./tokens";

/** One role: a realm role (no client) or a role of the client with that clientId. */
export type RoleRef = { client?: string; role: string };

const byName = (a: string, b: string) => a.localeCompare(b);

/** The roles one by one: realm roles first, then each client's, clients and roles in alphabetical order. */
export function listRoles(roles: TokenRoles | null): RoleRef[] {
  if (!roles) return [];
  const realm = [...roles.realm].sort(byName).map((role) => ({ role }));
  const clients = Object.keys(roles.clients)
    .sort(byName)
    .flatMap((client) => [...roles.clients[client]].sort(byName).map((role) => ({ client, role })));
  return [...realm, ...clients];
}

/** The roles object the REST API takes; clients without a role are left out. */
export function toTokenRoles(refs: RoleRef[]): TokenRoles {
  const roles: TokenRoles = { realm: [], clients: {} };
  for (const { client, role } of refs) {
    if (client === undefined) {
      roles.realm.push(role);
    } else {
      (roles.clients[client] ??= []).push(role);
    }
  }
  return roles;
}

export const sameRole = (a: RoleRef, b: RoleRef) => a.client === b.client && a.role === b.role;

/** How a list shows one role: "reader" (realm), "orders-api: read" (client). */
export const roleLabel = ({ client, role }: RoleRef) => (client === undefined ? role : `${client}: ${role}`);
