package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console with the theme personal-api-tokens (set on the master realm) in headless Chromium: the
 * realm page "User API tokens" and the stock Credentials tab of a user, each change then tried over HTTP.
 * With {@code -Ddocs.screenshots=true} the best screenshots are copied to {@code docs/screenshots/admin-*.png}.
 */
@EveryKeycloakVersion
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleIT {

    private static final By CURRENT_REALM = By.cssSelector("[data-testid='currentRealm']");
    private static final By NAV_USER_API_TOKENS = By.cssSelector("#nav-item-user-api-tokens");
    /** The tokens tab once loaded: the table, or the empty state of a realm without tokens (a test run alone). */
    private static final By TOKENS_LOADED = By.cssSelector("[data-testid='admin-tokens-table'], .pf-v5-c-empty-state");
    // KeycloakDataTable's rows carry no attributes of their own: the owner cell names the token and its user
    private static final By TOKEN_ROWS = By.cssSelector("tr:has([data-testid='token-owner'])");
    private static final By SEARCH = By.cssSelector("input[placeholder='Search by username or token name']");
    private static final By BULK_DIALOG = By.cssSelector("[data-testid='bulk-dialog']");
    private static final By OPEN_MENU = By.cssSelector("[role='menu'], .pf-v5-c-menu");
    private static final By DELETE_DIALOG = By.cssSelector("[role='dialog']");
    private static final Path DOCS_SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final String ADMIN_DEMO = "/admin/realms/" + DemoRealm.NAME;
    private static final By HIDE_INHERITED = By.cssSelector("[data-testid='hideInheritedRoles']");
    private static final By ERROR_ALERT = By.cssSelector(".pf-v5-c-alert.pf-m-danger");
    private static final By FORBIDDEN_ROLES = By.cssSelector("textarea#forbiddenRoles");

    private final KeycloakServer server;
    private final DemoRealm realm;
    private TokenAdminApi admin;
    private AdminLogin masterAdmin;
    private Browser browser;

    AdminConsoleIT(KeycloakServer server, DemoRealm realm) {
        this.server = server;
        this.realm = realm;
    }

    /** The harness sets the master realm's admin theme as demo/run.sh does; make sure it holds. */
    @BeforeAll
    void useTheTheme() {
        if (!DemoRealm.THEME.equals(realm.masterAdminTheme())) {
            realm.setMasterAdminTheme(DemoRealm.THEME);
        }
        assertEquals(DemoRealm.THEME, realm.masterAdminTheme());
        masterAdmin = AdminLogin.master(realm.http());
        admin = new TokenAdminApi(realm.http(), DemoRealm.NAME, masterAdmin);
    }

    @AfterEach
    void closeBrowser() {
        browser = Browser.closeAfterTest(browser);
    }

    @Test
    void listSearchDisableActivateAndDeleteTokens(TestInfo test) {
        CreatedToken alices = realm.tokensOf("alice").createToken(Map.of("name", uniqueName("admin-page"), "scopes", List.of("demo-api")));
        String other = uniqueName("tokadmin");
        realm.createUser(other);
        CreatedToken others = realm.tokensOf(other).createToken(uniqueName("nightly-backup"));
        realm.tokensOf("bob").createToken(uniqueName("grafana"));
        assertEquals(200, realm.exchange(alices.value()).status(), "alice's new token works");

        browser = signInToDemo(test);
        openUserApiTokens();
        assertTrue(!browser.driver().findElements(TOKEN_ROWS).isEmpty(), "the realm's tokens are listed");
        Path list = tidyScreenshot("1-list");

        search(other);
        browser.await().until(driver -> {
            List<WebElement> rows = driver.findElements(TOKEN_ROWS);
            return rows.size() == 1
                    && other.equals(rows.get(0).findElement(By.cssSelector("[data-username]")).getDomAttribute("data-username"));
        });
        assertTrue(browser.driver().findElements(rowLocator(alices.name())).isEmpty(), "alice's token is not among " + other + "'s");
        assertTrue(row(others.name()).getText().contains(others.name()));
        browser.screenshot("2-searched-by-user");

        search(alices.name());
        WebElement row = row(alices.name());
        WebElement owner = row.findElement(By.cssSelector("[data-testid='token-owner'] a"));
        assertEquals("alice", owner.getText(), "the owner is listed");
        assertTrue(owner.getDomAttribute("href").endsWith("/demo/users/" + realm.userId("alice") + "/settings"), owner.getDomAttribute("href"));
        assertTrue(row.getText().contains(alices.key()), "the key is listed: " + row.getText());
        assertTrue(row.getText().contains("demo-api"), row::getText);
        assertEquals("Active", stateOf(alices.name()));

        rowAction(alices.name(), "Disable");
        awaitState(alices.name(), "Disabled by an admin");
        assertEquals(401, realm.exchange(alices.value()).status(), "disabled in the admin page");
        browser.screenshot("3-disabled");

        rowAction(alices.name(), "Activate");
        awaitState(alices.name(), "Active");
        assertEquals(200, realm.exchange(alices.value()).status(), "activated in the admin page");

        rowAction(alices.name(), "Delete");
        WebElement dialog = browser.visible(DELETE_DIALOG);
        assertTrue(dialog.getText().contains(alices.name()), dialog::getText);
        WebElement confirm = browser.visible(By.cssSelector("[role='dialog'] button[data-testid='confirm']"));
        assertEquals("Delete forever", confirm.getText());
        browser.screenshot("4-delete-confirm");
        confirm.click();
        browser.gone(DELETE_DIALOG);
        browser.gone(rowLocator(alices.name()));
        assertEquals(401, realm.exchange(alices.value()).status(), "deleted in the admin page");
        assertEquals(404, admin.read(alices.key()).status(), "gone from the admin API too");
        assertNoConsoleErrors();

        copyToDocs(list, "admin-user-api-tokens.png");
    }

    @Test
    void thePolicyFormSetsA30DayMaximumAndShowsRefusals(TestInfo test) {
        HttpResult before = admin.policy();
        assertEquals(200, before.status(), before::toString);
        JsonNode original = before.json();
        try {
            browser = signInToDemo(test);
            openUserApiTokens();
            browser.click(By.xpath("//button[contains(@class,'pf-v5-c-tabs__link')][normalize-space()='Policy']"));
            browser.visible(By.cssSelector("[data-testid='policy-form']"));
            assertEquals(original.path("maxLifetimeDays").asText(), browser.visible(field("maxLifetimeDays")).getDomProperty("value"));

            // the server's refusal, inline
            type("maxLifetimeDays", "30");
            type("defaultLifetimeDays", "60");
            browser.click(By.cssSelector("[data-testid='policy-save']"));
            WebElement error = browser.visible(By.cssSelector("[data-testid='policy-error']"));
            assertTrue(error.getText().contains("defaultLifetimeDays may not exceed maxLifetimeDays"), error::getText);
            tidyScreenshot("1-refused");
            assertEquals(original, admin.policy().json(), "nothing changed");

            type("defaultLifetimeDays", "30");
            type("recentLoginMinutes", "15");
            browser.click(By.cssSelector("[data-testid='policy-save']"));
            browser.visible(By.cssSelector("[data-testid='policy-saved']"));
            assertTrue(browser.driver().findElements(By.cssSelector("[data-testid='policy-error']")).isEmpty());
            Path form = tidyScreenshot("2-saved");
            JsonNode saved = admin.policy().json();
            assertEquals(30, saved.path("maxLifetimeDays").asInt(), saved::toString);
            assertEquals(30, saved.path("defaultLifetimeDays").asInt(), saved::toString);
            assertEquals(15, saved.path("recentLoginMinutes").asInt(), saved::toString);
            assertEquals(original.path("availableScopes"), saved.path("availableScopes"), "the other fields kept");
            assertEquals(original.path("reminderDays"), saved.path("reminderDays"), "the other fields kept");
            assertEquals(original.path("exchangeClientId"), saved.path("exchangeClientId"), "the other fields kept");

            String in90Days = Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
            HttpResult refused = realm.tokensOf("alice").create(Map.of("name", uniqueName("ninety-days"), "expiresAt", in90Days));
            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.text("error_description").contains("30 days"), refused::toString);
            assertNoConsoleErrors(message -> message.contains("/personal-api-tokens/policy") && message.contains("status of 400"));
            copyToDocs(form, "admin-policy.png");
        } finally {
            HttpResult restored = admin.putPolicy(original);
            assertEquals(200, restored.status(), restored::toString);
        }
    }

    /** Issue 15: each token's chosen roles and allowed addresses, or that it has none ("All from scopes", "Any"). */
    @Test
    void theTableShowsEachTokensRolesAndAllowedAddresses(TestInfo test) {
        String prefix = uniqueName("least-privilege");
        CreatedToken narrowed = realm.tokensOf("alice").createToken(Map.of(
                "name", prefix + "-narrowed",
                "roles", Map.of("realm", List.of("offline_access"), "clients", Map.of("orders-api", List.of("read"))),
                "allowedIps", List.of("127.0.0.0/8", "192.0.2.7")));
        CreatedToken plain = realm.tokensOf("alice").createToken(prefix + "-plain");
        try {
            browser = signInToDemo(test);
            openUserApiTokens();
            search(prefix);
            browser.await().until(driver -> driver.findElements(TOKEN_ROWS).size() == 2);
            assertEquals("offline_access, orders-api: read", cell(narrowed.name(), "token-roles"));
            assertEquals("127.0.0.0/8, 192.0.2.7", cell(narrowed.name(), "token-allowed-ips"));
            assertEquals("All from scopes", cell(plain.name(), "token-roles"));
            assertEquals("Any", cell(plain.name(), "token-allowed-ips"));
            tidyScreenshot("roles-and-addresses");
            assertNoConsoleErrors();
        } finally {
            admin.delete(narrowed.key());
            admin.delete(plain.key());
        }
    }

    /**
     * Issue 15's policy fields: no IPv4 range wider than /16, and orders-api's write forbidden besides the roles
     * forbidden already, typed as "clientId/role" on a line of its own; the API then holds exactly that, alice (who
     * holds write) is no longer offered it and a /8 is refused.
     */
    @Test
    void thePolicyFormLimitsAddressRangesAndForbidsARole(TestInfo test) {
        HttpResult before = admin.policy();
        assertEquals(200, before.status(), before::toString);
        JsonNode original = before.json();
        ObjectNode expectedForbidden = original.path("forbiddenRoles").deepCopy();
        ((ObjectNode) expectedForbidden.get("clients")).set("orders-api", Http.JSON.valueToTree(List.of("write")));
        try {
            browser = signInToDemo(test);
            openUserApiTokens();
            browser.click(tab("Policy"));
            browser.visible(By.cssSelector("[data-testid='policy-form']"));
            // PatternFly's switches hide their checkbox behind the drawn switch
            assertEquals(original.path("roleSelection").asBoolean(), browser.driver().findElement(By.id("roleSelection")).isSelected());
            assertEquals(original.path("allowedIpsRequired").asBoolean(), browser.driver().findElement(By.id("allowedIpsRequired")).isSelected());

            type("allowedIpsMinPrefixIpv4", "16");
            WebElement forbidden = browser.visible(FORBIDDEN_ROLES);
            forbidden.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, "orders-api/write");
            browser.click(By.cssSelector("[data-testid='policy-save']"));
            browser.visible(By.cssSelector("[data-testid='policy-saved']"));
            String shown = browser.visible(FORBIDDEN_ROLES).getDomProperty("value");
            assertTrue(shown.startsWith("orders-api/write\n"), "the saved policy, read back: " + shown);
            tidyScreenshot("saved");

            JsonNode saved = admin.policy().json();
            assertEquals(16, saved.path("allowedIpsMinPrefixIpv4").asInt(), saved::toString);
            assertEquals(expectedForbidden, saved.path("forbiddenRoles"), "the roles forbidden before kept, one added");
            assertEquals(original.path("allowedIpsMinPrefixIpv6"), saved.path("allowedIpsMinPrefixIpv6"), "the other fields kept");
            assertEquals(original.path("maxLifetimeDays"), saved.path("maxLifetimeDays"), "the other fields kept");

            HttpResult choosable = realm.tokensOf("alice").roles();
            assertEquals(200, choosable.status(), choosable::toString);
            assertEquals(List.of("read"), Http.list(choosable.json().path("clients").path("orders-api")), choosable::toString);
            HttpResult tooWide = realm.tokensOf("alice").create(Map.of("name", uniqueName("too-wide"), "allowedIps", List.of("10.0.0.0/8")));
            assertEquals(400, tooWide.status(), tooWide::toString);
            assertNoConsoleErrors();
        } finally {
            HttpResult restored = admin.putPolicy(original);
            assertEquals(200, restored.status(), restored::toString);
        }
    }

    /**
     * Issue 16: "never used" among a fresh user's tokens (three never used, one used), all matching ticked, bulk
     * disable: the confirmation counts the three (GET …/tokens/count), the answer says three changed; over REST the
     * three are disabled by an admin, the used one and another user's never-used token are untouched.
     */
    @Test
    void filteringThenBulkDisablingAllMatchingTokens(TestInfo test) {
        String username = uniqueName("bulk");
        String userId = realm.createUser(username);
        CreatedToken alices = realm.tokensOf("alice").createToken(uniqueName("bulk-bystander"));
        try {
            List<CreatedToken> unused = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                unused.add(realm.tokensOf(username).createToken("unused-" + i));
            }
            CreatedToken used = realm.tokensOf(username).createToken("used");
            assertEquals(200, realm.exchange(used.value()).status());
            awaitLastUse(used.key());

            browser = signInToDemo(test);
            openUserApiTokens();
            search(username);
            awaitRowCount(4);
            filter("use", "neverUsed");
            awaitRowCount(3);
            assertTrue(browser.driver().findElements(rowLocator("used")).isEmpty(), "the used token is filtered out");
            WebElement allMatching = browser.visible(By.cssSelector("label[for='bulk-all-matching']"));
            browser.await().until(ExpectedConditions.textToBePresentInElement(allMatching, "All 3 matching the filter"));
            browser.click(By.id("bulk-all-matching"));
            browser.click(By.cssSelector("[data-testid='bulk-toggle']"));
            browser.click(By.cssSelector("[data-testid='bulk-disable']"));

            WebElement count = browser.visible(By.cssSelector("[data-testid='bulk-count']"));
            browser.await().until(ExpectedConditions.textToBePresentInElement(count, "3 tokens match the filter."));
            WebElement confirm = browser.visible(By.cssSelector("[data-testid='bulk-confirm']"));
            assertEquals("Disable 3 tokens", confirm.getText());
            tidyScreenshot("1-bulk-confirm");
            confirm.click();

            WebElement answer = browser.visible(By.cssSelector("[data-testid='bulk-result']"));
            assertEquals("3", answer.getDomAttribute("data-changed"), answer::getText);
            assertEquals("0", answer.getDomAttribute("data-failed"), answer::getText);
            assertTrue(answer.getText().contains("Changed 3 of 3 matched"), answer::getText);
            tidyScreenshot("2-bulk-answer");
            browser.click(By.cssSelector("[data-testid='bulk-close']"));
            browser.gone(BULK_DIALOG);
            for (CreatedToken token : unused) {
                awaitState(token.name(), "Disabled by an admin");
            }

            for (CreatedToken token : unused) {
                JsonNode rep = admin.read(token.key()).json();
                assertEquals("DISABLED", rep.path("state").asText(), rep::toString);
                assertEquals("admin", rep.path("disabledBy").asText(), rep::toString);
                assertEquals(401, realm.exchange(token.value()).status(), "disabled in bulk");
            }
            assertEquals("ACTIVE", admin.read(used.key()).json().path("state").asText(), "the used token untouched");
            assertEquals("ACTIVE", admin.read(alices.key()).json().path("state").asText(), "another user's token untouched");
            assertNoConsoleErrors();
        } finally {
            realm.deleteUser(userId);
            admin.delete(alices.key());
        }
    }

    /**
     * Issue 16: a fresh user's tokens used one after the other (a minute apart on the server's clock) and one never used,
     * sorted by last use both ways (the never used one last in both), filtered to those never used; each row says from
     * where and through which door it was last used.
     */
    @Test
    void theTableFiltersAndSortsByLastUse(TestInfo test) {
        String username = uniqueName("sorting");
        String userId = realm.createUser(username);
        TestClock clock = TestClock.of(realm.http());
        try {
            CreatedToken first = realm.tokensOf(username).createToken("first-used");
            CreatedToken second = realm.tokensOf(username).createToken("then-used");
            realm.tokensOf(username).createToken("never-used");
            assertEquals(200, realm.exchange(first.value()).status());
            awaitLastUse(first.key());
            clock.shiftBy(Duration.ofMinutes(1));
            assertEquals(200, realm.exchange(second.value()).status());
            awaitLastUse(second.key());
            clock.reset();

            browser = signInToDemo(test);
            openUserApiTokens();
            search(username);
            awaitRowCount(3);
            assertEquals(List.of("first-used", "never-used", "then-used"), rowNames(), "by user, then name, by default");
            assertTrue(cell(first.name(), "token-last-used-where").contains("from 127.0.0.1 via exchange"));

            sortBy("lastUsed", "desc");
            browser.await().until(driver -> rowNames().equals(List.of("then-used", "first-used", "never-used")));
            tidyScreenshot("1-last-used-desc");
            sortBy("lastUsed", "asc");
            browser.await().until(driver -> rowNames().equals(List.of("first-used", "then-used", "never-used")));

            filter("use", "neverUsed");
            browser.await().until(driver -> rowNames().equals(List.of("never-used")));
            assertEquals("Never", cell("never-used", "token-last-used"));
            tidyScreenshot("2-never-used");
            assertNoConsoleErrors();
        } finally {
            clock.reset();
            realm.deleteUser(userId);
        }
    }

    /**
     * Issue 16's policy fields, each with its help: idle tokens disabled after 90 days, warned 14 days before, rotation
     * overlaps of at most an hour; a value beyond the allowed range is refused with the server's reason.
     */
    @Test
    void thePolicyFormSetsIdleDisablingAndTheLongestRotationOverlap(TestInfo test) {
        JsonNode original = admin.policy().json();
        try {
            browser = signInToDemo(test);
            openUserApiTokens();
            browser.click(tab("Policy"));
            browser.visible(By.cssSelector("[data-testid='policy-form']"));
            assertEquals(original.path("maxRotationOverlapMinutes").asText(),
                    browser.visible(field("maxRotationOverlapMinutes")).getDomProperty("value"));
            browser.visible(By.xpath("//label[.//*[normalize-space()='Disable unused tokens after (days)']]"));
            browser.visible(By.xpath("//label[.//*[normalize-space()='Warn before disabling (days)']]"));
            browser.visible(By.xpath("//label[.//*[normalize-space()='Longest rotation overlap (minutes)']]"));
            browser.click(By.xpath("//*[contains(@class,'pf-v5-c-form__group')][.//*[@id='disableAfterUnusedDays']]"
                    + "//*[contains(@class,'pf-v5-c-form__group-label')]//button"));
            WebElement help = browser.visible(By.cssSelector(".pf-v5-c-popover"));
            assertTrue(help.getText().contains("is disabled by the scheduled task"), help::getText);
            browser.click(By.cssSelector(".pf-v5-c-popover button[aria-label='Close']"));

            type("maxRotationOverlapMinutes", "50000");
            browser.click(By.cssSelector("[data-testid='policy-save']"));
            WebElement error = browser.visible(By.cssSelector("[data-testid='policy-error']"));
            assertTrue(error.getText().contains("maxRotationOverlapMinutes"), error::getText);
            assertEquals(original, admin.policy().json(), "nothing changed");

            type("disableAfterUnusedDays", "90");
            type("idleWarningDays", "14");
            type("maxRotationOverlapMinutes", "60");
            browser.click(By.cssSelector("[data-testid='policy-save']"));
            browser.visible(By.cssSelector("[data-testid='policy-saved']"));
            tidyScreenshot("saved");
            JsonNode saved = admin.policy().json();
            assertEquals(90, saved.path("disableAfterUnusedDays").asInt(), saved::toString);
            assertEquals(14, saved.path("idleWarningDays").asInt(), saved::toString);
            assertEquals(60, saved.path("maxRotationOverlapMinutes").asInt(), saved::toString);
            assertEquals(original.path("maxLifetimeDays"), saved.path("maxLifetimeDays"), "the other fields kept");
            assertNoConsoleErrors(message -> message.contains("/personal-api-tokens/policy") && message.contains("status of 400"));
        } finally {
            HttpResult restored = admin.putPolicy(original);
            assertEquals(200, restored.status(), restored::toString);
        }
    }

    @Test
    void theCredentialsTabListsTokensByNameAndDeletesThem(TestInfo test) {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("credentials-tab"));
        assertEquals(200, realm.exchange(token.value()).status());

        browser = signInToDemo(test);
        browser.click(By.cssSelector("#nav-item-users"));
        WebElement search = browser.visible(By.cssSelector("[data-testid='table-search-input'] input"));
        search.sendKeys("alice", Keys.ENTER);
        browser.click(By.xpath("//table//a[normalize-space()='alice']"));
        browser.click(By.xpath("//*[contains(@class,'pf-v5-c-tabs__link')][normalize-space()='Credentials']"));

        // one token of a type is a row of its own, several are grouped under an expandable row of the type
        By tokenRow = By.cssSelector("tr[id='" + token.key() + "']");
        browser.visible(By.xpath("//td[@data-testid='credentialType'][normalize-space()='Personal-api-token']"));
        if (browser.driver().findElements(tokenRow).isEmpty()) {
            browser.click(By.xpath("//tr[td[@data-testid='credentialType'][normalize-space()='Personal-api-token']]"
                    + "//td[contains(@class,'kc-expandRow-btn')]//button"));
        }
        WebElement row = browser.visible(tokenRow);
        assertTrue(row.getText().contains(token.name()), "listed by its name: " + row.getText());
        assertTrue(row.getText().toLowerCase().contains("personal-api-token"), "under its type: " + row.getText());
        browser.screenshot("1-credentials");

        browser.click(By.cssSelector("tr[id='" + token.key() + "'] button[aria-label='Kebab toggle']"));
        browser.click(By.cssSelector("[data-testid='deleteDropdownItem']"));
        browser.screenshot("2-delete-confirm");
        browser.click(By.cssSelector("[role='dialog'] button[data-testid='confirm']"));
        browser.gone(tokenRow);
        assertEquals(401, realm.exchange(token.value()).status(), "deleted on the Credentials tab");
        assertEquals(404, admin.read(token.key()).status());
        browser.screenshot("3-deleted");
        assertNoConsoleErrors();
    }

    /**
     * The stock role mapping tabs, which in the 26.7 console call admin ui-ext endpoints that 26.4 and 26.5 lack:
     * there the theme's compat/uiExtFallback.ts answers them from the standard admin API (its 404/405 are expected
     * in the browser console, nothing else is).
     */
    @Test
    void theRoleMappingTabsShowInheritedRolesAndUnassignRoles(TestInfo test) {
        String username = uniqueName("rolemapping");
        String userId = realm.createUser(username);
        String assignable = uniqueName("assignable");
        String composite = uniqueName("composite");
        try {
            createRealmRole(assignable);
            String compositeId = createRealmRole(composite);
            HttpResult composed = realm.http().postJson(ADMIN_DEMO + "/roles-by-id/" + compositeId + "/composites",
                    List.of(realmRole("offline_access")), masterAdmin.headers());
            assertEquals(204, composed.status(), composed::toString);

            browser = signInToDemo(test);
            browser.click(By.cssSelector("#nav-item-users"));
            browser.visible(By.cssSelector("[data-testid='table-search-input'] input")).sendKeys(username, Keys.ENTER);
            browser.click(By.xpath("//table//a[normalize-space()='" + username + "']"));
            browser.click(tab("Role mapping"));

            // offline_access comes from default-roles-demo: listed as inherited once inherited roles are shown
            browser.visible(roleRow(DemoRealm.ROLE));
            browser.click(HIDE_INHERITED);
            WebElement inherited = browser.visible(roleRow("offline_access"));
            assertTrue(inherited.getText().contains("True"), "inherited: " + inherited.getText());
            browser.screenshot("1-inherited");
            browser.click(HIDE_INHERITED);
            browser.gone(roleRow("offline_access"));

            browser.click(By.cssSelector("[data-testid='add-role-mapping-button']"));
            browser.click(By.cssSelector("[data-testid='roles-role']"));
            browser.visible(By.cssSelector("[role='dialog'] [data-testid='table-search-input'] input")).sendKeys(assignable, Keys.ENTER);
            browser.click(By.xpath("//*[@role='dialog']//tr[.//td[contains(., '" + assignable + "')]]//input[@type='checkbox']"));
            browser.click(By.cssSelector("[role='dialog'] [data-testid='assign']"));
            browser.visible(roleRow(assignable));
            browser.await().until(driver -> realmRolesOf(userId).contains(assignable));

            browser.click(By.xpath("//main//tr[.//td[contains(., '" + assignable + "')]]//input[@type='checkbox']"));
            browser.click(By.cssSelector("[data-testid='unAssignRole']"));
            browser.click(By.cssSelector("[role='dialog'] button[data-testid='confirm']"));
            browser.gone(roleRow(assignable));
            browser.await().until(driver -> !realmRolesOf(userId).contains(assignable));
            assertTrue(browser.driver().findElements(ERROR_ALERT).isEmpty(), "no error alert after unassigning");
            browser.screenshot("2-unassigned");

            browser.click(By.cssSelector("#nav-item-roles"));
            browser.visible(By.cssSelector("[data-testid='table-search-input'] input")).sendKeys(composite, Keys.ENTER);
            browser.click(By.xpath("//table//a[normalize-space()='" + composite + "']"));
            browser.click(tab("Associated roles"));
            browser.visible(roleRow("offline_access"));
            assertTrue(browser.driver().findElements(ERROR_ALERT).isEmpty(), "no error alert on Associated roles");
            browser.screenshot("3-associated-roles");
            assertNoConsoleErrors(message -> message.contains("/ui-ext/")
                    && (message.contains("status of 404") || message.contains("status of 405")));
        } finally {
            realm.deleteUser(userId);
            realm.http().delete(ADMIN_DEMO + "/roles/" + assignable, masterAdmin.headers());
            realm.http().delete(ADMIN_DEMO + "/roles/" + composite, masterAdmin.headers());
        }
    }

    /** Signs in at /admin as the master realm's admin and switches to the realm demo on "Manage realms". */
    private Browser signInToDemo(TestInfo test) {
        Browser started = Browser.start(server, getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        started.open(server.baseUrl() + "/admin/");
        started.signIn("admin", "admin");
        started.visible(CURRENT_REALM);
        started.click(By.cssSelector("#nav-item-realms"));
        started.click(By.xpath("//table//a[normalize-space()='" + DemoRealm.NAME + "']"));
        started.await().until(ExpectedConditions.textToBe(CURRENT_REALM, DemoRealm.NAME));
        return started;
    }

    private static By tab(String name) {
        return By.xpath("//*[contains(@class,'pf-v5-c-tabs__link')][normalize-space()='" + name + "']");
    }

    /** A row of the role mapping table in the page (not in a dialog) that names {@code role}. */
    private static By roleRow(String role) {
        return By.xpath("//main//table//tr[.//td[contains(., '" + role + "')]]");
    }

    private String createRealmRole(String name) {
        HttpResult created = realm.http().postJson(ADMIN_DEMO + "/roles", Map.of("name", name), masterAdmin.headers());
        assertEquals(201, created.status(), created::toString);
        return realmRole(name).get("id").asText();
    }

    private JsonNode realmRole(String name) {
        HttpResult role = realm.http().get(ADMIN_DEMO + "/roles/" + name, masterAdmin.headers());
        assertEquals(200, role.status(), role::toString);
        return role.json();
    }

    /** The realm roles mapped to the user directly, over the admin API. */
    private List<String> realmRolesOf(String userId) {
        HttpResult mapped = realm.http().get(ADMIN_DEMO + "/users/" + userId + "/role-mappings/realm", masterAdmin.headers());
        assertEquals(200, mapped.status(), mapped::toString);
        return mapped.json().findValuesAsText("name");
    }

    private void openUserApiTokens() {
        browser.click(NAV_USER_API_TOKENS);
        browser.visible(By.xpath("//h1[normalize-space()='User API tokens']"));
        browser.visible(TOKENS_LOADED);
    }

    private void search(String text) {
        WebElement input = browser.visible(SEARCH);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.ENTER);
    }

    /** The input of the policy form's field {@code name} (ui-shared's NumberControl gives its wrapper the field's name as id). */
    private static By field(String name) {
        return By.cssSelector("#" + name + " input");
    }

    private void type(String name, String value) {
        WebElement input = browser.visible(field(name));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(value);
    }

    /** Sets the filter select {@code name} (filter-use, filter-state, …) to the option {@code value}. */
    private void filter(String name, String value) {
        new Select(browser.visible(By.cssSelector("select[data-testid='filter-" + name + "']"))).selectByValue(value);
    }

    private void sortBy(String field, String order) {
        new Select(browser.visible(By.cssSelector("select[data-testid='sort-by']"))).selectByValue(field);
        new Select(browser.visible(By.cssSelector("select[data-testid='sort-order']"))).selectByValue(order);
    }

    private void awaitRowCount(int rows) {
        browser.await().withMessage(() -> rows + " rows: " + rowNames()).until(driver -> driver.findElements(TOKEN_ROWS).size() == rows);
    }

    /** The names of the tokens listed, top to bottom. */
    private List<String> rowNames() {
        return browser.driver().findElements(By.cssSelector("[data-testid='token-owner']")).stream()
                .map(owner -> owner.getDomAttribute("data-token-name"))
                .toList();
    }

    /** A use is recorded after the request's transaction: waits until the admin API shows it. */
    private void awaitLastUse(String key) {
        JsonNode rep = Poll.until(Duration.ofSeconds(10), () -> admin.read(key).json(), r -> !r.path("lastUsedAt").isNull());
        assertTrue(!rep.path("lastUsedAt").isNull(), rep::toString);
    }

    /** Opens the row's kebab menu and picks {@code action}. */
    private void rowAction(String name, String action) {
        browser.click(By.cssSelector(rowCss(name) + " td.pf-v5-c-table__action button"));
        browser.visible(OPEN_MENU);
        browser.click(By.xpath("//*[@role='menuitem'][normalize-space()='" + action + "']"));
    }

    /** The table row of token {@code name}: its owner cell carries the token's name. */
    private static String rowCss(String name) {
        return "tr:has([data-token-name='" + name + "'])";
    }

    private static By rowLocator(String name) {
        return By.cssSelector(rowCss(name));
    }

    private WebElement row(String name) {
        return browser.visible(rowLocator(name));
    }

    /** The text of the cell {@code testId} (e.g. token-roles) in token {@code name}'s row. */
    private String cell(String name, String testId) {
        return browser.visible(By.cssSelector(rowCss(name) + " [data-testid='" + testId + "']")).getText();
    }

    private String stateOf(String name) {
        return browser.visible(By.cssSelector(rowCss(name) + " [data-testid='token-state']")).getText();
    }

    private void awaitState(String name, String state) {
        browser.await().until(ExpectedConditions.textToBe(
                By.cssSelector(rowCss(name) + " [data-testid='token-state']"), state));
    }

    private void assertNoConsoleErrors() {
        assertNoConsoleErrors(message -> false);
    }

    private void assertNoConsoleErrors(Predicate<String> expected) {
        assertEquals(List.of(), browser.consoleErrors(expected), "errors in the browser console");
    }

    /** A screenshot of the whole page: navigation and content scrolled to the top, the window as tall as the content. */
    private Path tidyScreenshot(String step) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("document.querySelectorAll('.pf-v5-c-page__sidebar, .pf-v5-c-page__sidebar-body, .pf-v5-c-page__main')"
                + ".forEach(element => element.scrollTop = 0)");
        Dimension size = browser.driver().manage().window().getSize();
        long content = (Long) js.executeScript("const main = document.querySelector('.pf-v5-c-page__main');"
                + "return main.scrollHeight - main.clientHeight;");
        browser.driver().manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(size.getHeight() + content, 1600)));
        try {
            return browser.screenshot(step);
        } finally {
            browser.driver().manage().window().setSize(size);
        }
    }

    /**
     * The README shows these: {@code -Ddocs.screenshots=true} refreshes them. Off by default, so that running the
     * tests never changes tracked files (pixels differ from run to run).
     */
    private static void copyToDocs(Path screenshot, String name) {
        try {
            if (Boolean.getBoolean("docs.screenshots") && Files.isDirectory(DOCS_SCREENSHOTS)) {
                Files.copy(screenshot, DOCS_SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
