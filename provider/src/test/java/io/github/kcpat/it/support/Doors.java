package io.github.kcpat.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The doors through which a personal API token is used, called the way their clients call them. */
public final class Doors {

    public static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String API_TOKEN_TYPE = "urn:keycloak:params:oauth:token-type:personal-api-token";
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    public static final String REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";

    private static final String TOKEN_ENDPOINT = "/realms/" + DemoRealm.NAME + "/protocol/openid-connect/token";

    private final Http http;

    Doors(Http http) {
        this.http = http;
    }

    /** Door 1: {@code POST …/personal-api-tokens/exchange} with {@code Authorization: APIToken}. */
    public HttpResult exchange(String token) {
        return http.post(DemoRealm.API + "/exchange", apiToken(token));
    }

    /** Door 2: RFC 8693 token exchange at the token endpoint, {@code client_secret_basic}. */
    public HttpResult tokenExchange(DemoClient client, String token) {
        return tokenExchange(client, token, Map.of());
    }

    /** Door 2 with more form fields ({@code scope}, {@code requested_token_type}, …), {@code client_secret_basic}. */
    public HttpResult tokenExchange(DemoClient client, String token, Map<String, String> more) {
        return http.postForm(TOKEN_ENDPOINT, tokenExchangeForm(token, more), client.basicAuth());
    }

    /** Door 2 with whatever client authentication the caller puts into {@code form} and {@code headers}. */
    public HttpResult tokenExchangeRaw(String token, Map<String, String> form, String... headers) {
        return http.postForm(TOKEN_ENDPOINT, tokenExchangeForm(token, form), headers);
    }

    /** Door 3: {@code GET …/personal-api-tokens/auth} as a gateway's forward-auth subrequest. */
    public HttpResult forwardAuth(String token) {
        return http.get(DemoRealm.API + "/auth", apiToken(token));
    }

    /** Door 3 with any method and sub-path (Envoy ext_authz appends the original path). */
    public HttpResult forwardAuth(String method, String subPath, String token) {
        return http.send(method, DemoRealm.API + "/auth" + subPath, apiToken(token));
    }

    /** Door 3 with {@code Authorization: Basic base64(username:password)}, as git and {@code curl -u} send it. */
    public HttpResult forwardAuthBasic(String username, String password) {
        return forwardAuthRaw("", basic(username, password));
    }

    /** Door 3 at {@code …/auth} + {@code pathAndQuery} (a sub-path, a query string) with whatever headers. */
    public HttpResult forwardAuthRaw(String pathAndQuery, String... headers) {
        return http.get(DemoRealm.API + "/auth" + pathAndQuery, headers);
    }

    /** An {@code Authorization: Basic} header of {@code username:password} in UTF-8. */
    public static String[] basic(String username, String password) {
        return new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    /** Door 4: password grant of the public client bound to the flow {@code api-token-direct-grant}. */
    public HttpResult directGrant(String username, String password) {
        return passwordGrant(DemoClient.API_TOKEN_CLI, username, password);
    }

    /** A password grant of any public client, e.g. {@code demo-cli} with Keycloak's own direct grant flow. */
    public HttpResult passwordGrant(DemoClient client, String username, String password) {
        return http.postForm(TOKEN_ENDPOINT, Map.of(
                "grant_type", "password",
                "client_id", client.clientId(),
                "username", username,
                "password", password));
    }

    /** Verify: {@code POST …/personal-api-tokens/verify} with {@code client_secret_basic}. */
    public HttpResult verify(DemoClient client, String token) {
        return verifyRaw(Map.of("token", token), client.basicAuth());
    }

    /** Verify with whatever client authentication the caller puts into {@code form} and {@code headers}. */
    public HttpResult verifyRaw(Map<String, String> form, String... headers) {
        return http.postForm(DemoRealm.API + "/verify", form, headers);
    }

    private static Map<String, String> tokenExchangeForm(String token, Map<String, String> more) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE_GRANT);
        form.put("subject_token", token);
        form.put("subject_token_type", API_TOKEN_TYPE);
        form.putAll(more);
        return form;
    }

    private static String[] apiToken(String token) {
        return new String[] {"Authorization", "APIToken " + token};
    }
}
