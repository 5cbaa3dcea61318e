import { listRoles, type TokenRoles } from "@kcpat/shared";

/*
 * The policy's forbiddenRoles as the admin reads and types them: one entry per line (or comma-separated),
 * "role" for a realm role, "clientId/role" for a client's role. A client ID may hold slashes (SAML clients are
 * often URLs): the role is what follows the last one.
 */

export const rolesToEntries = (roles: TokenRoles | undefined) =>
  listRoles(roles ?? null)
    .map(({ client, role }) => (client === undefined ? role : `${client}/${role}`))
    .join("\n");

/** Each entry as typed (trimmed); the server refuses what is no role. */
export function entriesToRoles(text: string): TokenRoles {
  const roles: TokenRoles = { realm: [], clients: {} };
  for (const entry of text.split(/[\n,]/).map((line) => line.trim()).filter((line) => line !== "")) {
    const slash = entry.lastIndexOf("/");
    if (slash < 0) {
      roles.realm.push(entry);
    } else {
      (roles.clients[entry.slice(0, slash)] ??= []).push(entry.slice(slash + 1));
    }
  }
  return roles;
}
