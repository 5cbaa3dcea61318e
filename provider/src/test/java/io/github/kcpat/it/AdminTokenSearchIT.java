package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.TokenAdminApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin list across users: {@code user}, {@code search} (part of a token name or of a username, any case),
 * {@code first}/{@code max}, ordered by username then token name. Two users made for this class hold three tokens
 * each; their usernames share a random stem no other user has, and two of the names share a random marker.
 */
@EveryKeycloakVersion
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTokenSearchIT {

    private final DemoRealm realm;
    private final TokenAdminApi admin;
    private final String stem = "srch" + random();
    private final String marker = "Mk" + random().toUpperCase(Locale.ROOT);
    private final String anna = stem + "-anna";
    private final String bert = stem + "-bert";
    private String annaId;
    private String bertId;
    /** username/name of every token, in the order the list must show them. */
    private final List<String> ordered = new ArrayList<>();

    AdminTokenSearchIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
    }

    @BeforeAll
    void createTokens() {
        annaId = realm.createUser(anna);
        bertId = realm.createUser(bert);
        // created out of order on purpose, by self-service and by the admin
        realm.tokensOf(bert).createToken("d-report");
        realm.tokensOf(anna).createToken("c-nightly");
        admin.createToken(Map.of("user", anna, "name", "a-build"));
        realm.tokensOf(bert).createToken("b-deploy-" + marker);
        admin.createToken(Map.of("user", bertId, "name", "a-build"));
        realm.tokensOf(anna).createToken("b-deploy-" + marker);
        ordered.addAll(List.of(anna + "/a-build", anna + "/b-deploy-" + marker, anna + "/c-nightly",
                bert + "/a-build", bert + "/b-deploy-" + marker, bert + "/d-report"));
    }

    @AfterAll
    void deleteUsers() {
        realm.deleteUser(annaId);
        realm.deleteUser(bertId);
    }

    @Test
    void searchByAUsernamePartListsBothUsersOrderedByUsernameThenName() {
        HttpResult list = admin.list("search=" + stem);

        assertEquals(200, list.status(), list::toString);
        assertEquals(ordered, owners(list), list::toString);
        for (JsonNode token : list.json()) {
            assertFalse(token.has("token"), () -> "a listed token shows a value: " + token);
            assertTrue(token.path("user").path("id").asText().equals(token.path("user").path("username").asText().equals(anna) ? annaId : bertId),
                    token::toString);
            assertEquals("ACTIVE", token.path("state").asText(), token::toString);
        }
    }

    @Test
    void searchIgnoresCase() {
        assertEquals(ordered, owners(admin.list("search=" + stem.toUpperCase(Locale.ROOT) + "-")));
        assertEquals(List.of(anna + "/b-deploy-" + marker, bert + "/b-deploy-" + marker),
                owners(admin.list("search=" + marker.toLowerCase(Locale.ROOT))));
        assertEquals(List.of(anna + "/b-deploy-" + marker, bert + "/b-deploy-" + marker),
                owners(admin.list("search=deploy-" + marker.toUpperCase(Locale.ROOT))));
    }

    @Test
    void searchByNamePartWithinOneUser() {
        assertEquals(List.of(anna + "/c-nightly"), owners(admin.list("user=" + annaId + "&search=NIGHT")));
        assertEquals(List.of(), owners(admin.list("user=" + annaId + "&search=report")));
    }

    @Test
    void searchTreatsLikeWildcardsLiterally() {
        // no name or username of anna's contains '%' or '_'
        assertEquals(List.of(), owners(admin.list("user=" + annaId + "&search=%25")));
        assertEquals(List.of(), owners(admin.list("user=" + annaId + "&search=_")));
    }

    @Test
    void userByIdOrByUsername() {
        assertEquals(ordered.subList(0, 3), owners(admin.list("user=" + annaId)));
        assertEquals(ordered.subList(3, 6), owners(admin.list("user=" + bert)));
        assertEquals(ordered.subList(3, 6), owners(admin.list("user=" + bert.toUpperCase(Locale.ROOT))));
    }

    @Test
    void firstAndMaxPage() {
        assertEquals(ordered.subList(0, 2), owners(admin.list("search=" + stem + "&first=0&max=2")));
        assertEquals(ordered.subList(2, 4), owners(admin.list("search=" + stem + "&first=2&max=2")));
        assertEquals(ordered.subList(4, 6), owners(admin.list("search=" + stem + "&first=4&max=10")));
        assertEquals(List.of(), owners(admin.list("search=" + stem + "&first=6&max=10")));
        assertEquals(ordered.subList(5, 6), owners(admin.list("search=" + stem + "&first=5&max=1")));
        assertEquals(ordered.subList(1, 3), owners(admin.list("user=" + anna + "&first=1")));
        assertEquals(ordered.subList(0, 1), owners(admin.list("user=" + anna + "&max=1")));
    }

    @Test
    void withoutParametersListsAtMostAHundred() {
        HttpResult list = admin.list("");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.json().size() >= 6 && list.json().size() <= 100, () -> "listed " + list.json().size());
    }

    @Test
    void unknownUserIsNotFound() {
        assertError(admin.list("user=" + UUID.randomUUID()), 404, "not_found");
        assertError(admin.list("user=nobody-" + random()), 404, "not_found");
        assertError(admin.deleteAllOf("nobody-" + random()), 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first=-1", "max=0", "max=-5", "max=1001", "first=abc", "max=ten", "first=1.5"})
    void badPagingIsRefused(String query) {
        assertError(admin.list(query), 400, "invalid_request");
    }

    @Test
    void unknownTokenIsNotFound() {
        String key = UUID.randomUUID().toString();
        assertError(admin.read(key), 404, "not_found");
        assertError(admin.patch(key, Map.of("state", "DISABLED")), 404, "not_found");
        assertError(admin.delete(key), 404, "not_found");
        assertError(admin.read("not-a-uuid"), 404, "not_found");
    }

    private static List<String> owners(HttpResult list) {
        assertEquals(200, list.status(), list::toString);
        List<String> owners = new ArrayList<>();
        list.json().forEach(token -> owners.add(token.path("user").path("username").asText() + "/" + token.path("name").asText()));
        return owners;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
