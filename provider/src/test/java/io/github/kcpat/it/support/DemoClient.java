package io.github.kcpat.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A client of the demo realm ({@code demo/demo-realm.json}) as it authenticates at Keycloak. */
public record DemoClient(String clientId, String secret) {

    /** Confidential, with {@code personalApiTokens.exchange = true}: may use RFC 8693 token exchange. */
    public static final DemoClient API_GATEWAY = new DemoClient("api-gateway", "api-gateway-secret");
    /** Confidential, without the exchange attribute. */
    public static final DemoClient OTHER_SERVICE = new DemoClient("other-service", "other-service-secret");
    /** Public, password grant through Keycloak's own direct grant flow. */
    public static final DemoClient DEMO_CLI = new DemoClient("demo-cli", null);
    /** Public, password grant through the flow {@code api-token-direct-grant}: the token is the password. */
    public static final DemoClient API_TOKEN_CLI = new DemoClient("api-token-cli", null);

    /** {@code client_secret_basic}: the header name and value. */
    public String[] basicAuth() {
        String credentials = clientId + ":" + secret;
        return new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))};
    }

    public DemoClient withSecret(String otherSecret) {
        return new DemoClient(clientId, otherSecret);
    }
}
