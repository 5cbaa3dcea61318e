package io.github.kcpat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** The policy field {@code recentLoginMinutes}: read, validated and stored like the other fields. */
class TokenPolicyRecentLoginTest {

    private final Map<String, String> attributes = new HashMap<>();
    private final RealmModel realm = realm(attributes);

    @Test
    void offByDefault() {
        TokenPolicy policy = TokenPolicy.of(realm);
        assertEquals(0, policy.recentLoginMinutes());
        assertFalse(policy.requiresRecentLogin());
    }

    @Test
    void readFromItsRealmAttribute() {
        attributes.put("personalApiTokens.recentLoginMinutes", " 15 ");
        TokenPolicy policy = TokenPolicy.of(realm);
        assertEquals(15, policy.recentLoginMinutes());
        assertTrue(policy.requiresRecentLogin());
    }

    @Test
    void aHandEditedAttributeThatIsNoNumberMeansOff() {
        attributes.put("personalApiTokens.recentLoginMinutes", "fifteen");
        assertEquals(0, TokenPolicy.of(realm).recentLoginMinutes());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 1440})
    void minutesFromNoneToADayAreAccepted(int minutes) {
        withMinutes(minutes).validate(realm);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1441, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void minutesOutsideNoneToADayAreRefusedByName(int minutes) {
        PolicyViolation refused = assertThrows(PolicyViolation.class, () -> withMinutes(minutes).validate(realm));
        assertEquals("recentLoginMinutes must be between 0 and 1440", refused.getMessage());
    }

    @Test
    void writtenAsItsRealmAttributeAndReadBack() {
        withMinutes(15).writeTo(realm);
        assertEquals("15", attributes.get("personalApiTokens.recentLoginMinutes"));
        assertEquals(withMinutes(15), TokenPolicy.of(realm));
    }

    private static TokenPolicy withMinutes(int minutes) {
        TokenPolicy d = TokenPolicy.DEFAULTS;
        return new TokenPolicy(d.maxLifetimeDays(), d.expiryRequired(), d.defaultLifetimeDays(), d.maxTokensPerUser(),
                List.of(), d.exchangeClientId(), d.reminderDays(), minutes);
    }

    /**
     * Just enough of a realm: its attributes, and a client with any role by any id (the policy checks that its exchange
     * client and the clients and roles it forbids exist).
     */
    private static RealmModel realm(Map<String, String> attributes) {
        RoleModel role = (RoleModel) Proxy.newProxyInstance(RoleModel.class.getClassLoader(),
                new Class<?>[] {RoleModel.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        ClientModel client = (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(),
                new Class<?>[] {ClientModel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getRole")) {
                        return role;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> args.length == 1 ? attributes.get((String) args[0]) : null;
                    case "setAttribute" -> {
                        attributes.put((String) args[0], String.valueOf(args[1]));
                        yield null;
                    }
                    case "getClientByClientId" -> client;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
