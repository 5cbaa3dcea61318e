/*
 * Why this exists: this console is built from @keycloak/keycloak-admin-ui 26.7, whose role mapping tabs call three
 * admin "ui-ext" endpoints that Keycloak 26.4 and 26.5 do not have (404/405 there):
 *
 *   GET  /admin/realms/{realm}/ui-ext/effective-roles-all/{type}/{id}   every effective role, realm and client
 *   GET  /admin/realms/{realm}/ui-ext/role-mappings/roles/{id}          a role's composites, grouped by client
 *   POST /admin/realms/{realm}/ui-ext/role-mapping-delete/{type}/{id}   unassign several roles at once
 *
 * The console cannot be built per Keycloak minor (npm has no admin UI 26.4/26.5), so window.fetch is wrapped for
 * exactly these three paths: the request goes to the server as it is, and only when the server answers 404 or 405
 * (it lacks the endpoint) is the same answer computed from the standard admin REST API, in the shape the 26.7 UI
 * reads. On a server that has the endpoints nothing is rewritten; every other request passes untouched.
 * {type} is one of users, groups, clients, clientScopes, roles (the console's resource names).
 */

type Role = {
  id: string;
  name: string;
  description?: string;
  composite?: boolean;
  clientRole?: boolean;
  containerId?: string;
};

/** What ui-ext/effective-roles-all answers (and the 26.4/26.5 endpoint ui-ext/effective-roles for client roles). */
type EffectiveRole = {
  id: string;
  name: string;
  description?: string;
  clientRole: boolean;
  client?: string; // clientId
  clientId?: string; // the client's id (UUID)
};
type LegacyClientRole = { id: string; role: string; description?: string; client: string; clientId: string };

/** What ui-ext/role-mapping-delete receives: clientId is the client's id (UUID), absent for a realm role. */
type RoleDeleteRequest = { roleId: string; roleName: string; clientId?: string };

const UI_EXT =
  /^(.*\/admin\/realms\/[^/]+)\/ui-ext\/(effective-roles-all|role-mappings|role-mapping-delete)\/([^/?]+)\/([^/?]+)(?:\?.*)?$/;

/** Standard admin REST paths, relative to /admin/realms/{realm}, of the mappings of one resource. */
const MAPPINGS: Record<string, (id: string) => string> = {
  users: (id) => `/users/${id}/role-mappings`,
  groups: (id) => `/groups/${id}/role-mappings`,
  clients: (id) => `/clients/${id}/scope-mappings`,
  clientScopes: (id) => `/client-scopes/${id}/scope-mappings`,
};

class Api {
  constructor(
    private readonly fetch: typeof window.fetch,
    private readonly realmUrl: string,
    private readonly authorization: string | null,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.authorization) headers.Authorization = this.authorization;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await this.fetch(this.realmUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw response; // handed to the console as the answer
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private readonly clients = new Map<string, Promise<{ id: string; clientId: string }>>();
  client(id: string) {
    if (!this.clients.has(id)) this.clients.set(id, this.call("GET", `/clients/${id}`));
    return this.clients.get(id)!;
  }
}

/** A role and, transitively, all its composites (as the 26.7 server: the role itself included). */
async function roleWithComposites(api: Api, id: string): Promise<Role[]> {
  const seen = new Map<string, Role>([[id, await api.call<Role>("GET", `/roles-by-id/${id}`)]]);
  for (let queue = [id]; queue.length; ) {
    const composites = await api.call<Role[]>("GET", `/roles-by-id/${queue.shift()}/composites`);
    for (const role of composites.filter((r) => !seen.has(r.id))) {
      seen.set(role.id, role);
      if (role.composite) queue.push(role.id);
    }
  }
  return [...seen.values()];
}

async function effectiveRolesAll(api: Api, type: string, id: string): Promise<EffectiveRole[]> {
  let roles: EffectiveRole[];
  if (type === "roles") {
    roles = await Promise.all(
      (await roleWithComposites(api, id)).map(async (r) => {
        const client = r.clientRole ? await api.client(r.containerId!) : undefined;
        return { id: r.id, name: r.name, description: r.description, clientRole: !!client,
                 client: client?.clientId, clientId: client?.id };
      }),
    );
  } else {
    // Realm roles from the standard API; client roles from ui-ext/effective-roles, which 26.4/26.5 have
    // (their own console used it) and which spares one request per client of the realm.
    const [realm, clientRoles] = await Promise.all([
      api.call<Role[]>("GET", `${MAPPINGS[type](id)}/realm/composite`),
      api.call<LegacyClientRole[]>("GET", `/ui-ext/effective-roles/${type}/${id}`),
    ]);
    roles = [
      ...realm.map((r) => ({ id: r.id, name: r.name, description: r.description, clientRole: false })),
      ...clientRoles.map((r) => ({ id: r.id, name: r.role, description: r.description, clientRole: true,
                                   client: r.client, clientId: r.clientId })),
    ];
  }
  // The 26.7 server's order: realm roles, then client roles by client; each by name.
  const key = (r: EffectiveRole) => [r.clientRole ? "1" : "0", r.client ?? "", r.name];
  return roles.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x.map((v, i) => v.localeCompare(y[i])).find((c) => c !== 0) ?? 0;
  });
}

async function compositeMappings(api: Api, id: string) {
  const realmMappings: Role[] = [];
  const clientMappings: Record<string, { id: string; client: string; mappings: Role[] }> = {};
  for (const role of await api.call<Role[]>("GET", `/roles-by-id/${id}/composites`)) {
    if (!role.clientRole) {
      realmMappings.push(role);
      continue;
    }
    const client = await api.client(role.containerId!);
    clientMappings[client.clientId] ??= { id: client.id, client: client.clientId, mappings: [] };
    clientMappings[client.clientId].mappings.push({ ...role, containerId: client.clientId });
  }
  return {
    realmMappings: realmMappings.length ? realmMappings : undefined,
    clientMappings: Object.keys(clientMappings).length ? clientMappings : undefined,
  };
}

async function deleteMappings(api: Api, type: string, id: string, requests: RoleDeleteRequest[]) {
  const roles = (list: RoleDeleteRequest[]) => list.map((r) => ({ id: r.roleId, name: r.roleName }));
  if (type === "roles") return api.call("DELETE", `/roles-by-id/${id}/composites`, roles(requests));
  const byClient = new Map<string | undefined, RoleDeleteRequest[]>();
  requests.forEach((r) => byClient.set(r.clientId, [...(byClient.get(r.clientId) ?? []), r]));
  for (const [client, list] of byClient) {
    const path = client ? `/clients/${client}` : "/realm";
    await api.call("DELETE", `${MAPPINGS[type](id)}${path}`, roles(list));
  }
}

/** Wraps window.fetch; call once, before the console renders. */
export function installUiExtFallback() {
  const original = window.fetch.bind(window);

  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    // [url, realm URL, endpoint, type, id (still URL-encoded, used as such)]
    const match = UI_EXT.exec(url);
    const handled =
      match &&
      method === (match[2] === "role-mapping-delete" ? "POST" : "GET") &&
      (match[3] === "roles" || (match[2] !== "role-mappings" && Object.hasOwn(MAPPINGS, match[3])));
    if (!handled) return original(input, init);

    const response = await original(input, init);
    if (response.status !== 404 && response.status !== 405) return response;

    const [, realmUrl, endpoint, type, id] = match;
    const api = new Api(original, realmUrl, new Headers(init?.headers).get("Authorization"));
    try {
      if (endpoint === "role-mapping-delete") {
        await deleteMappings(api, type, id, JSON.parse(String(init?.body)));
        return new Response(null, { status: 204 });
      }
      const answer =
        endpoint === "role-mappings" ? await compositeMappings(api, id) : await effectiveRolesAll(api, type, id);
      return new Response(JSON.stringify(answer), { status: 200, headers: { "Content-Type": "application/json" } });
    } catch (error) {
      if (error instanceof Response) return error; // a standard endpoint's refusal is the answer
      throw error;
    }
  };
}
