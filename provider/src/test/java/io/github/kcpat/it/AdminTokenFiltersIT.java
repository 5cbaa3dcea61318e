package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.StoredCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin list's filters, sorts and count over tokens whose every fact is chosen: they are imported as credentials
 * (as realm import files and the CLI write them) with their creation, last use, expiry and who disabled them, so the
 * SQL's reading of the stored JSON is checked against known answers. Two users made for this class, whose usernames
 * share a random stem, hold them; every query adds {@code search=<stem>}. The demo realm's policy: 365 days at most,
 * expiry required, so a token's effective expiry is capped at its creation + 365 days.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTokenFiltersIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final DemoRealm realm;
    private final TokenAdminApi admin;
    private final String stem = "flt" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String ann = stem + "-ann";
    private final String ben = stem + "-ben";
    private final List<String> users = new ArrayList<>();
    private final List<Fixture> fixtures = new ArrayList<>();

    /** A token as imported: its owner, name, creation, expiry and last use (null: none). */
    private record Fixture(String owner, String name, Instant created, Instant expires, Instant lastUsed) {
    }

    AdminTokenFiltersIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
    }

    @BeforeAll
    void importTokens() {
        List<Object> annTokens = new ArrayList<>();
        annTokens.add(token(ann, "a-fresh", NOW.minus(Duration.ofHours(12)), days(90), null, "ACTIVE", List.of("demo-api"), null, null, null));
        annTokens.add(token(ann, "b-used", days(-30), days(60), days(-2), "ACTIVE", List.of(), null, null,
                new RoleChoice(List.of("personal-api-tokens"), Map.of())));
        annTokens.add(token(ann, "c-stale", days(-200), days(100), days(-100), "ACTIVE", List.of(), null, null,
                new RoleChoice(List.of(), Map.of("orders-api", List.of("read")))));
        annTokens.add(token(ann, "d-soon", days(-10), days(3), null, "ACTIVE", List.of(), null, null, null));
        annTokens.add(token(ann, "e-expired", days(-50), days(-1), days(-20), "ACTIVE", List.of(), null, null, null));
        // stored a 100 days ahead, but created 360 days ago: the 365-day limit ends it in 5 days
        annTokens.add(token(ann, "f-capped", days(-360), days(100), null, "ACTIVE", List.of(), null, null, null));
        // no expiry where one is required: the limit ended it 35 days ago
        annTokens.add(token(ann, "g-no-expiry", days(-400), null, null, "ACTIVE", List.of(), null, null, null));
        annTokens.add(token(ann, "h-owner-off", days(-5), days(30), null, "DISABLED", List.of(), "owner", null, null));
        annTokens.add(token(ann, "i-admin-off", days(-5), days(30), null, "DISABLED", List.of(), "admin", true, null));
        // the idle task's disabling is stored as the owner's, marked disabledIdle
        annTokens.add(token(ann, "j-idle-off", days(-5), days(30), null, "DISABLED", List.of(), "idle", null, null));
        // format 1: an admin's disabling only flagged, an owner's not recorded at all
        annTokens.add(token(ann, "k-format1-admin", days(-5), days(30), null, "DISABLED", List.of(), null, true, null));
        annTokens.add(token(ann, "l-format1-owner", days(-5), days(30), null, "DISABLED", List.of(), null, null, null));
        users.add(realm.createUser(DemoRealm.userRepresentation(ann, true, annTokens)));

        List<Object> benTokens = new ArrayList<>();
        benTokens.add(token(ben, "m-ben", days(-3), days(20), NOW.minus(Duration.ofHours(12)), "ACTIVE", List.of("demo-api"), null, null,
                new RoleChoice(List.of(), Map.of("orders-api", List.of("write")))));
        // role a-client/read would spill: "read" is in the next client's array, not a-client's
        benTokens.add(token(ben, "n-spill", days(-5), days(30), null, "ACTIVE", List.of(), null, null,
                new RoleChoice(List.of(), Map.of("a-client", List.of("x"), "orders-api", List.of("read")))));
        String benId = realm.createUser(DemoRealm.userRepresentation(ben, true, benTokens));
        users.add(benId);
        realm.setUserEnabled(benId, false);
    }

    @AfterAll
    void deleteUsers() {
        users.forEach(realm::deleteUser);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "neverUsed=true | a-fresh d-soon f-capped g-no-expiry h-owner-off i-admin-off j-idle-off k-format1-admin l-format1-owner n-spill",
            "neverUsed=false | b-used c-stale e-expired m-ben",
            "unusedDays=30 | c-stale f-capped g-no-expiry",
            "unusedDays=1 | b-used c-stale d-soon e-expired f-capped g-no-expiry h-owner-off i-admin-off j-idle-off k-format1-admin l-format1-owner n-spill",
            "expired=true | e-expired g-no-expiry",
            "expired=false | a-fresh b-used c-stale d-soon f-capped h-owner-off i-admin-off j-idle-off k-format1-admin l-format1-owner m-ben n-spill",
            "expiringWithinDays=7 | d-soon f-capped",
            "expiringWithinDays=4 | d-soon",
            "expiringWithinDays=30 | d-soon f-capped h-owner-off i-admin-off j-idle-off k-format1-admin l-format1-owner m-ben n-spill",
            "state=disabled | h-owner-off i-admin-off j-idle-off k-format1-admin l-format1-owner",
            "state=ACTIVE | a-fresh b-used c-stale d-soon e-expired f-capped g-no-expiry m-ben n-spill",
            "disabledBy=owner | h-owner-off l-format1-owner",
            "disabledBy=admin | i-admin-off k-format1-admin",
            "disabledBy=idle | j-idle-off",
            "ownerDisabled=true | m-ben n-spill",
            "scope=demo-api | a-fresh m-ben",
            "role=personal-api-tokens | b-used",
            "role=orders-api/read | c-stale n-spill",
            "role=orders-api/write | m-ben",
            "role=a-client/x | n-spill",
            "role=a-client/read | ''",
            "state=active&neverUsed=true&ownerDisabled=false | a-fresh d-soon f-capped g-no-expiry",
            "expired=false&unusedDays=30&role=orders-api/read | c-stale",
    })
    void eachFilterMatchesExactlyItsTokens(String filter, String expected) {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split(" "));
        List<String> listed = names(admin.list("search=" + stem + "&sort=name&" + filter));
        assertEquals(want, listed, filter);
        assertEquals(want.size(), count("search=" + stem + "&" + filter), filter);
    }

    @ParameterizedTest(name = "sort={0}")
    @ValueSource(strings = {"owner", "name", "created", "expiry", "lastUsed"})
    void eachSortInBothOrders(String sort) {
        for (boolean descending : new boolean[] {false, true}) {
            List<String> listed = names(admin.list("search=" + stem + "&sort=" + sort + "&order=" + (descending ? "desc" : "asc")));
            assertEquals(expectedOrder(sort, descending), listed, sort + (descending ? " desc" : " asc"));
        }
    }

    @Test
    void theDefaultSortIsByOwnerThenName() {
        assertEquals(expectedOrder("owner", false), names(admin.list("search=" + stem)));
    }

    @ParameterizedTest(name = "sort={0}")
    @ValueSource(strings = {"lastUsed&order=desc", "expiry", "created&order=desc", "name&role=orders-api/read"})
    void pagesNeitherRepeatNorSkip(String sort) {
        List<String> whole = names(admin.list("search=" + stem + "&sort=" + sort));
        List<String> paged = new ArrayList<>();
        for (int first = 0; first < whole.size() + 3; first += 3) {
            paged.addAll(names(admin.list("search=" + stem + "&sort=" + sort + "&first=" + first + "&max=3")));
        }
        assertEquals(whole, paged);
        assertEquals(whole.size(), new LinkedHashSet<>(paged).size());
    }

    @Test
    void countWithoutFiltersCountsTheRealm() {
        assertEquals(fixtures.size(), count("search=" + stem));
        HttpResult all = admin.count("");
        assertEquals(200, all.status(), all::toString);
        assertTrue(all.json().path("count").asLong() >= fixtures.size(), all::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"neverUsed=yes", "unusedDays=-1", "unusedDays=ten", "unusedDays=36501", "expiringWithinDays=1.5",
            "expired=1", "state=paused", "disabledBy=robot", "state=active&disabledBy=admin", "ownerDisabled=maybe", "scope=",
            "role=orders-api/", "role=/read", "sort=username", "order=up", "neverUsd=true"})
    void badValuesAreRefusedNamingTheParameter(String query) {
        String parameter = query.contains("&") ? "disabledBy" : query.substring(0, query.indexOf('='));
        HttpResult list = admin.list(query);
        assertError(list, 400, "invalid_request");
        assertTrue(list.json().path("error_description").asText().contains(parameter), list::toString);
        if (!query.startsWith("sort") && !query.startsWith("order")) {
            assertError(admin.count(query), 400, "invalid_request");
        }
    }

    @Test
    void aCountIgnoresPagingAndOrderSoTheListsQueryCanBeReused() {
        assertEquals(2, count("search=" + stem + "&disabledBy=admin&sort=expiry&order=desc&first=1&max=1"));
    }

    private List<String> expectedOrder(String sort, boolean descending) {
        Comparator<Fixture> byOwnerName = Comparator.comparing(Fixture::owner).thenComparing(Fixture::name);
        Comparator<Fixture> order = switch (sort) {
            case "owner" -> descending ? byOwnerName.reversed() : byOwnerName;
            case "name" -> descending ? Comparator.comparing(Fixture::name).reversed() : Comparator.comparing(Fixture::name);
            case "created" -> dated(Fixture::created, descending).thenComparing(byOwnerName);
            case "expiry" -> dated(Fixture::expires, descending).thenComparing(byOwnerName);
            case "lastUsed" -> dated(Fixture::lastUsed, descending).thenComparing(byOwnerName);
            default -> throw new IllegalArgumentException(sort);
        };
        return fixtures.stream().sorted(order).map(Fixture::name).toList();
    }

    private static Comparator<Fixture> dated(Function<Fixture, Instant> date, boolean descending) {
        return Comparator.comparing(date, Comparator.nullsLast(descending ? Comparator.<Instant>reverseOrder() : Comparator.<Instant>naturalOrder()));
    }

    private long count(String query) {
        HttpResult count = admin.count(query);
        assertEquals(200, count.status(), count::toString);
        return count.json().path("count").asLong();
    }

    private static List<String> names(HttpResult list) {
        assertEquals(200, list.status(), list::toString);
        List<String> names = new ArrayList<>();
        list.json().forEach(token -> names.add(token.path("name").asText()));
        return names;
    }

    private static Instant days(int days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private JsonNode token(String owner, String name, Instant created, Instant expires, Instant lastUsed, String state,
            List<String> scopes, String disabledBy, Boolean disabledByAdmin, RoleChoice roles) {
        fixtures.add(new Fixture(owner, name, created, expires, lastUsed));
        StoredCredential.Data data = new StoredCredential.Data(scopes, state, StoredCredential.text(expires),
                StoredCredential.text(created), StoredCredential.text(lastUsed), null, disabledBy, disabledByAdmin, roles, null,
                lastUsed == null ? null : "127.0.0.1", lastUsed == null ? null : "exchange", null, null, null, null, null, null);
        if ("idle".equals(disabledBy)) {
            data = new StoredCredential.Data(scopes, state, data.expiresAt(), data.updatedAt(), data.lastUsedAt(), null, null, null,
                    roles, null, null, null, null, null, null, null, null, null).disabledWhenIdle();
        }
        try {
            return Http.JSON.readTree(JsonText.write(StoredCredential.Imported.of(ApiToken.generate(), name, data, created)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
