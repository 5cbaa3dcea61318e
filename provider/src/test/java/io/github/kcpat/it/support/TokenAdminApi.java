package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** {@code /admin/realms/{realm}/personal-api-tokens} as one {@link AdminLogin} calls it. */
public final class TokenAdminApi {

    private final Http http;
    private final String base;
    private final AdminLogin login;

    public TokenAdminApi(Http http, String realm, AdminLogin login) {
        this.http = http;
        this.base = "/admin/realms/" + realm + "/personal-api-tokens";
        this.login = login;
    }

    /** {@code GET tokens}, with {@code query} (already URL-encoded, without '?') when not empty. */
    public HttpResult list(String query) {
        return http.get(base + "/tokens" + (query == null || query.isEmpty() ? "" : "?" + query), login.headers());
    }

    /** {@code GET tokens/count}, with {@code query} as for {@link #list}. */
    public HttpResult count(String query) {
        return http.get(base + "/tokens/count" + (query == null || query.isEmpty() ? "" : "?" + query), login.headers());
    }

    public HttpResult bulk(Map<String, ?> body) {
        return http.postJson(base + "/tokens/bulk", body, login.headers());
    }

    public HttpResult bulkRaw(String rawBody) {
        return http.sendRaw("POST", base + "/tokens/bulk", rawBody, login.headers());
    }

    public HttpResult read(String key) {
        return http.get(base + "/tokens/" + key, login.headers());
    }

    public HttpResult patch(String key, Map<String, ?> body) {
        return http.patchJson(base + "/tokens/" + key, body, login.headers());
    }

    /** {@code POST tokens/{key}/rotate} with {@code body} (e.g. {@code {"overlapMinutes": 60}}). */
    public HttpResult rotate(String key, Map<String, ?> body) {
        return http.postJson(base + "/tokens/" + key + "/rotate", body, login.headers());
    }

    public HttpResult delete(String key) {
        return http.delete(base + "/tokens/" + key, login.headers());
    }

    public HttpResult rolesOf(String idOrUsername) {
        return http.get(base + "/users/" + idOrUsername + "/roles", login.headers());
    }

    public HttpResult deleteAllOf(String idOrUsername) {
        return http.delete(base + "/users/" + idOrUsername + "/tokens", login.headers());
    }

    public HttpResult create(Map<String, ?> body) {
        return http.postJson(base + "/tokens", body, login.headers());
    }

    public HttpResult createRaw(String rawBody) {
        return http.sendRaw("POST", base + "/tokens", rawBody, login.headers());
    }

    /** Creates a token, asserting 201; answers the admin representation. */
    public JsonNode createToken(Map<String, ?> body) {
        HttpResult created = create(body);
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    public HttpResult policy() {
        return http.get(base + "/policy", login.headers());
    }

    public HttpResult putPolicy(Object body) {
        return http.putJson(base + "/policy", body, login.headers());
    }

    public HttpResult putPolicyRaw(String rawBody) {
        return http.sendRaw("PUT", base + "/policy", rawBody, login.headers());
    }
}
