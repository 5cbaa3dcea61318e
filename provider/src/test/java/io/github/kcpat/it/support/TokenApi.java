package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The self-service API of one user, called with that user's bearer token. */
public final class TokenApi {

    private final Http http;
    private final String[] bearer;

    TokenApi(Http http, String accessToken) {
        this.http = http;
        this.bearer = new String[] {"Authorization", "Bearer " + accessToken};
    }

    public HttpResult list() {
        return http.get(DemoRealm.API + "/tokens", bearer);
    }

    public HttpResult create(Map<String, ?> body) {
        return http.postJson(DemoRealm.API + "/tokens", body, bearer);
    }

    /** Creates a token named {@code name} with the policy's defaults, asserting 201. */
    public CreatedToken createToken(String name) {
        return createToken(Map.of("name", name));
    }

    public CreatedToken createToken(Map<String, ?> body) {
        HttpResult created = create(body);
        assertEquals(201, created.status(), created::toString);
        return CreatedToken.from(created);
    }

    /** The listed token with {@code key}, or {@code null}. */
    public JsonNode listed(String key) {
        HttpResult list = list();
        assertEquals(200, list.status(), list::toString);
        for (JsonNode token : list.json()) {
            if (key.equals(token.path("key").asText())) {
                return token;
            }
        }
        return null;
    }

    public int count() {
        HttpResult list = list();
        assertEquals(200, list.status(), list::toString);
        return list.json().size();
    }

    public HttpResult createRaw(String rawBody) {
        return http.sendRaw("POST", DemoRealm.API + "/tokens", rawBody, bearer);
    }

    public HttpResult get(String key) {
        return http.get(DemoRealm.API + "/tokens/" + key, bearer);
    }

    public HttpResult patch(String key, Map<String, ?> body) {
        return http.patchJson(DemoRealm.API + "/tokens/" + key, body, bearer);
    }

    public HttpResult delete(String key) {
        return http.delete(DemoRealm.API + "/tokens/" + key, bearer);
    }

    public HttpResult rotate(String key) {
        return http.post(DemoRealm.API + "/tokens/" + key + "/rotate", bearer);
    }

    /** {@code POST tokens/{key}/rotate} with a JSON body, e.g. {@code {"overlapMinutes": 60}}. */
    public HttpResult rotate(String key, Map<String, ?> body) {
        return http.postJson(DemoRealm.API + "/tokens/" + key + "/rotate", body, bearer);
    }

    /** {@code POST tokens/{key}/rotate} with this raw body (JSON or not). */
    public HttpResult rotateRaw(String key, String rawBody) {
        return http.sendRaw("POST", DemoRealm.API + "/tokens/" + key + "/rotate", rawBody, bearer);
    }

    public HttpResult roles() {
        return http.get(DemoRealm.API + "/roles", bearer);
    }

    public HttpResult scopes() {
        return http.get(DemoRealm.API + "/scopes", bearer);
    }

    public HttpResult policy() {
        return http.get(DemoRealm.API + "/policy", bearer);
    }
}
