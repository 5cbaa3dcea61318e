package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Account Console page "API tokens" (theme personal-api-tokens) in headless Chromium, against the
 * running Keycloak: every token the page hands out is then tried at the exchange endpoint over HTTP.
 */
@EveryKeycloakVersion
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountConsoleIT {

    private static final String THEME = "personal-api-tokens";
    private static final By NAV_API_TOKENS = By.xpath("//nav//a[normalize-space()='API tokens']");
    private static final By ISSUED_VALUE = By.cssSelector("[data-testid='issued-token'] input");
    private static final By ISSUED_DONE = By.cssSelector("[data-testid='issued-token-done']");
    private static final By CONFIRM = By.cssSelector("[role='dialog'] button[data-testid='confirm']");
    private static final By ROLES_FILTER = By.id("api-token-roles-filter");
    private static final By ROLES_HELPER = By.cssSelector("[data-testid='roles-helper']");
    /** How the page writes a day and time (Intl, en-US, medium date and short time) in this machine's zone, the browser's. */
    private static final DateTimeFormatter PAGE_TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a", Locale.US)
            .withZone(ZoneId.systemDefault());

    private final KeycloakServer server;
    private final DemoRealm realm;
    private Browser browser;

    AccountConsoleIT(KeycloakServer server, DemoRealm realm) {
        this.server = server;
        this.realm = realm;
    }

    /** demo-realm.json names the theme; an older copy of it may not, so make sure over the admin API. */
    @BeforeAll
    void useTheTheme() {
        realm.updateRealm(rep -> {
            if (!THEME.equals(rep.path("accountTheme").asText())) {
                rep.put("accountTheme", THEME);
            }
        });
    }

    @AfterEach
    void closeBrowser() {
        browser = Browser.closeAfterTest(browser);
    }

    @Test
    void createUseDisableActivateRotateAndDeleteAToken(TestInfo test) {
        browser = signIn(test, "alice");
        String name = uniqueName("console");
        openApiTokensPage();

        JsonNode policy = realm.tokensOf("alice").policy().json();
        WebElement dialog = openCreateDialog();
        int defaultDays = policy.path("defaultLifetimeDays").asInt();
        if (defaultDays > 0) {
            assertEquals(LocalDate.now().plusDays(defaultDays).toString(),
                    dialog.findElement(By.id("api-token-expiry")).getDomProperty("value"), "policy default expiry pre-filled");
        }
        assertEquals(!policy.path("expiryRequired").asBoolean(), !dialog.findElements(By.id("api-token-no-expiry")).isEmpty(),
                "a 'No expiry' choice exactly when the policy allows one: " + policy);
        dialog.findElement(By.id("api-token-name")).sendKeys(name);
        browser.click(By.id("api-token-scope-demo-api"));
        browser.screenshot("1-create-dialog");
        browser.click(By.cssSelector("button[form='create-api-token']"));

        String value = issuedValue();
        WebElement panel = browser.visible(By.cssSelector("[data-testid='issued-token-dialog']"));
        assertTrue(panel.getText().contains("will not be shown again"), panel::getText);
        browser.screenshot("2-show-once");
        assertEquals(200, realm.exchange(value).status(), "the token from the panel works");
        browser.click(ISSUED_DONE);

        WebElement row = row(name);
        assertTrue(row.getText().contains("demo-api"), row::getText);
        assertTrue(row.getText().contains("Active"), row::getText);
        browser.screenshot("3-list");

        browser.click(rowButton(name, "disable-token"));
        awaitState(name, "Disabled by you");
        assertEquals(401, realm.exchange(value).status(), "disabled in the page");
        browser.screenshot("4-disabled");

        browser.click(rowButton(name, "activate-token"));
        awaitState(name, "Active");
        assertEquals(200, realm.exchange(value).status(), "activated in the page");

        browser.click(rowButton(name, "rotate-token"));
        browser.visible(CONFIRM);
        browser.screenshot("5-rotate-confirm");
        browser.click(CONFIRM);
        String rotated = issuedValue();
        assertNotEquals(value, rotated);
        browser.screenshot("6-rotated");
        assertEquals(401, realm.exchange(value).status(), "the old value died with the rotation");
        assertEquals(200, realm.exchange(rotated).status(), "the new value from the panel works");
        browser.click(ISSUED_DONE);

        browser.click(rowButton(name, "delete-token"));
        WebElement confirm = browser.visible(CONFIRM);
        assertEquals("Delete forever", confirm.getText());
        browser.screenshot("7-delete-confirm");
        confirm.click();
        browser.gone(rowLocator(name));
        browser.screenshot("8-deleted");
        assertEquals(401, realm.exchange(rotated).status(), "deleted in the page");
        assertNoConsoleErrors();
    }

    /**
     * Least privilege (issue 15): alice narrows a token to one realm role (offline_access, from default-roles-demo)
     * and one of the demo's orders-api roles (read; she also holds write), found through the dialog's filter, and to
     * the loopback range; the list shows both, the API stored exactly that, and the token works from here (the test
     * talks to Keycloak over loopback).
     */
    @Test
    void aTokenNarrowedToChosenRolesAndAnAddressRange(TestInfo test) {
        browser = signIn(test, "alice");
        String name = uniqueName("console-least-privilege");
        openApiTokensPage();
        WebElement dialog = openCreateDialog();
        dialog.findElement(By.id("api-token-name")).sendKeys(name);
        WebElement helper = browser.visible(ROLES_HELPER);
        assertTrue(helper.getText().contains("all the roles its scopes give"), helper::getText);
        browser.visible(roleGroup("Realm roles"));
        browser.visible(roleGroup("orders-api"));

        WebElement filter = browser.visible(ROLES_FILTER);
        filter.sendKeys("read");
        browser.gone(roleCheckbox("", "offline_access"));
        browser.gone(roleCheckbox("orders-api", "write"));
        browser.gone(roleGroup("Realm roles"));
        browser.click(roleCheckbox("orders-api", "read"));
        browser.screenshot("1-filtered-roles");
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.click(roleCheckbox("", "offline_access"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(ROLES_HELPER, "2 chosen"));
        assertTrue(browser.driver().findElement(roleCheckbox("orders-api", "read")).isSelected(), "kept while filtered out");

        WebElement addresses = dialog.findElement(By.id("api-token-allowed-ips"));
        assertTrue(dialog.getText().contains("e.g. 192.0.2.7 or 10.0.0.0/8; empty = from anywhere"), dialog::getText);
        addresses.sendKeys("127.0.0.0/8");
        browser.screenshot("2-create-dialog");
        browser.click(By.cssSelector("button[form='create-api-token']"));

        String value = issuedValue();
        browser.click(ISSUED_DONE);
        assertEquals(200, realm.exchange(value).status(), "usable from loopback, which its range holds");
        awaitCell(name, "token-roles", "offline_access, orders-api: read");
        awaitCell(name, "token-allowed-ips", "127.0.0.0/8");
        browser.screenshot("3-list");

        String key = row(name).getDomAttribute("data-token-key");
        JsonNode stored = realm.tokensOf("alice").listed(key);
        assertEquals(Http.JSON.valueToTree(Map.of("realm", List.of("offline_access"), "clients", Map.of("orders-api", List.of("read")))),
                stored.path("roles"), stored::toString);
        assertEquals(Http.JSON.valueToTree(List.of("127.0.0.0/8")), stored.path("allowedIps"), stored::toString);
        assertEquals(204, realm.tokensOf("alice").delete(key).status());
        assertNoConsoleErrors();
    }

    @Test
    void aMalformedAddressShowsTheServersReasonAndCreatesNothing(TestInfo test) {
        String name = uniqueName("console-bad-address");
        HttpResult refused = realm.tokensOf("alice").create(Map.of("name", name, "allowedIps", List.of("10.0.0.300")));
        assertEquals(400, refused.status(), refused::toString);
        String reason = refused.text("error_description");
        int tokens = realm.tokensOf("alice").count();

        browser = signIn(test, "alice");
        openApiTokensPage();
        WebElement dialog = openCreateDialog();
        dialog.findElement(By.id("api-token-name")).sendKeys(name);
        dialog.findElement(By.id("api-token-allowed-ips")).sendKeys("10.0.0.300");
        browser.click(By.cssSelector("button[form='create-api-token']"));

        WebElement error = browser.visible(By.cssSelector("[data-testid='create-error']"));
        assertTrue(error.getText().contains(reason), () -> "the server's reason '" + reason + "' in: " + error.getText());
        assertTrue(browser.driver().findElement(By.id("api-token-allowed-ips")).isDisplayed(), "the form stays open");
        browser.screenshot("malformed-address");
        browser.driver().findElement(By.id("api-token-allowed-ips")).sendKeys(Keys.ESCAPE);
        browser.gone(By.id("api-token-name"));
        assertTrue(browser.driver().findElements(rowLocator(name)).isEmpty(), "no row for " + name);
        assertEquals(tokens, realm.tokensOf("alice").count(), "nothing was created");
        // the browser logs the refused POST itself
        assertNoConsoleErrors(message -> message.contains("/personal-api-tokens/tokens") && message.contains("status of 400"));
    }

    @Test
    void aTokenAnAdminDisabledSaysSoAndOffersNoActivate(TestInfo test) {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("admin-disabled"));
        HttpResult disabled = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME).patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);

        browser = signIn(test, "alice");
        openApiTokensPage();
        awaitState(token.name(), "Disabled by an admin");
        assertTrue(browser.driver().findElements(rowButton(token.name(), "activate-token")).isEmpty(), "an Activate button is offered");
        assertEquals(204, realm.tokensOf("alice").delete(token.key()).status());
        assertNoConsoleErrors();
    }

    @Test
    void aDuplicateNameIsShownInTheForm(TestInfo test) {
        String name = uniqueName("console-dup");
        HttpResult first = realm.tokensOf("alice").create(Map.of("name", name));
        assertEquals(201, first.status(), first::toString);
        browser = signIn(test, "alice");
        openApiTokensPage();

        WebElement dialog = openCreateDialog();
        dialog.findElement(By.id("api-token-name")).sendKeys(name.toUpperCase(), Keys.ENTER);

        WebElement error = browser.visible(By.cssSelector("[data-testid='name-error']"));
        assertTrue(error.getText().contains("already have a token named"), error::getText);
        assertTrue(browser.driver().findElement(By.id("api-token-name")).isDisplayed(), "the form stays open");
        browser.screenshot("duplicate-name");
        browser.driver().findElement(By.id("api-token-name")).sendKeys(Keys.ESCAPE);
        browser.gone(By.id("api-token-name"));
        assertEquals(1, browser.driver().findElements(rowLocator(name)).size(), "nothing was created");
        // the browser logs the refused POST itself
        assertNoConsoleErrors(message -> message.contains("/personal-api-tokens/tokens") && message.contains("status of 409"));
    }

    /**
     * Step-up: with recentLoginMinutes at 1 and a sign-in older than that, "Create" sends alice through Keycloak's
     * login (max_age) and back to the dialog, filled in as she left it; then the token is created. "Rotate" after the
     * next minute signs her in again and asks once more before it rotates. The policy counts whole minutes: the server's
     * clock moves 65 s ahead twice instead of the test waiting.
     */
    @Test
    void anOldSignInSignsInAgainAndComesBackToTheDialog(TestInfo test) {
        TokenAdminApi admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
        JsonNode original = admin.policy().json();
        String name = uniqueName("console-step-up");
        TestClock clock = TestClock.of(realm.http());
        try {
            browser = signIn(test, "alice");
            openApiTokensPage();
            HttpResult set = admin.putPolicy(Map.of("recentLoginMinutes", 1));
            assertEquals(200, set.status(), set::toString);
            clock.shiftBy(Duration.ofSeconds(65));

            WebElement dialog = openCreateDialog();
            dialog.findElement(By.id("api-token-name")).sendKeys(name);
            browser.click(By.id("api-token-scope-demo-api"));
            browser.click(By.cssSelector("button[form='create-api-token']"));

            // Keycloak's login page again: asks for the password (the username may be shown as fixed)
            WebElement password = browser.visible(By.id("password"));
            assertTrue(browser.driver().getCurrentUrl().contains("max_age=60"), browser.driver().getCurrentUrl());
            browser.screenshot("1-sign-in-again");
            List<WebElement> username = browser.driver().findElements(By.id("username"));
            if (!username.isEmpty() && username.get(0).isDisplayed()) {
                username.get(0).clear();
                username.get(0).sendKeys("alice");
            }
            password.sendKeys("alice");
            browser.click(By.id("kc-login"));

            WebElement nameField = browser.visible(By.id("api-token-name"));
            assertEquals(name, nameField.getDomProperty("value"), "the dialog comes back as alice left it");
            assertTrue(browser.driver().findElement(By.id("api-token-scope-demo-api")).isSelected(), "scope kept");
            assertTrue(!browser.driver().getCurrentUrl().contains("kcpat-step-up"), browser.driver().getCurrentUrl());
            browser.screenshot("2-dialog-again");
            browser.click(By.cssSelector("button[form='create-api-token']"));

            String value = issuedValue();
            assertEquals(200, realm.exchange(value).status(), "the token created after signing in again works");
            browser.click(ISSUED_DONE);
            assertTrue(row(name).getText().contains("demo-api"));

            // rotate: that sign-in ages too; back from the next one the page asks again before it rotates
            clock.shiftBy(Duration.ofSeconds(65));
            browser.click(rowButton(name, "rotate-token"));
            browser.click(CONFIRM);
            browser.visible(By.id("password")).sendKeys("alice");
            browser.click(By.id("kc-login"));
            browser.click(CONFIRM);
            String rotated = issuedValue();
            assertNotEquals(value, rotated);
            assertEquals(401, realm.exchange(value).status(), "rotated after signing in again");
            assertEquals(200, realm.exchange(rotated).status());
            browser.click(ISSUED_DONE);
            // the refused POSTs are logged by the browser itself
            assertNoConsoleErrors(message -> message.contains("/personal-api-tokens/tokens") && message.contains("status of 401"));
        } finally {
            clock.reset();
            HttpResult restored = admin.putPolicy(original);
            assertEquals(200, restored.status(), restored::toString);
            HttpResult mine = admin.list("user=alice&max=1000");
            for (JsonNode token : mine.json()) {
                if (name.equals(token.path("name").asText())) {
                    admin.delete(token.path("key").asText());
                }
            }
        }
    }

    /**
     * Issue 16, rotation with an overlap: alice rotates choosing 1 hour (the policy caps overlaps at a day, so "7 days"
     * is not offered); the new value is shown once, the row says until when the previous value works and, once that is
     * used, when and from where. Both values work until the hour has passed on the server's clock, then the old one alone
     * is refused.
     */
    @Test
    void rotatingWithAnOverlapKeepsThePreviousValueWorkingUntilTheShownTime(TestInfo test) {
        TokenAdminApi admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
        JsonNode original = admin.policy().json();
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("console-overlap"));
        TestClock clock = TestClock.of(realm.http());
        try {
            HttpResult capped = admin.putPolicy(Map.of("maxRotationOverlapMinutes", 1440));
            assertEquals(200, capped.status(), capped::toString);
            browser = signIn(test, "alice");
            openApiTokensPage();

            browser.click(rowButton(token.name(), "rotate-token"));
            WebElement dialog = browser.visible(By.cssSelector("[role='dialog']"));
            assertTrue(browser.driver().findElement(overlap(0)).isSelected(), "no overlap unless chosen");
            browser.visible(overlap(1440));
            assertTrue(browser.driver().findElements(overlap(10080)).isEmpty(), "7 days is beyond the policy's day: " + dialog.getText());
            browser.click(overlap(60));
            browser.screenshot("1-rotate-overlap");
            Instant rotatedAt = Instant.now();
            browser.click(CONFIRM);

            String rotated = issuedValue();
            assertNotEquals(token.value(), rotated);
            WebElement notice = browser.visible(By.cssSelector("[data-testid='issued-token-notice']"));
            assertTrue(notice.getText().contains("previous value keeps working until"), notice::getText);
            browser.screenshot("2-shown-once");
            browser.click(ISSUED_DONE);

            JsonNode listed = realm.tokensOf("alice").listed(token.key());
            Instant previousUntil = Instant.parse(listed.path("previousSecretExpiresAt").asText());
            Instant expected = rotatedAt.plus(1, ChronoUnit.HOURS);
            assertTrue(Math.abs(Duration.between(expected, previousUntil).toSeconds()) < 60,
                    "an hour from the rotation: " + listed);
            awaitCellContains(token.name(), "token-previous-value", "Previous value valid until " + PAGE_TIME.format(previousUntil));
            awaitCellContains(token.name(), "token-previous-value-use", "not used since the rotation");

            assertEquals(200, realm.exchange(token.value()).status(), "the previous value works during the overlap");
            assertEquals(200, realm.exchange(rotated).status(), "the new value works at once");
            // a use is recorded after the request's transaction: the page is reloaded once the API shows it
            JsonNode used = Poll.until(Duration.ofSeconds(10), () -> realm.tokensOf("alice").listed(token.key()),
                    rep -> !rep.path("previousSecretLastUsedAt").isNull());
            assertEquals("127.0.0.1", used.path("previousSecretLastUsedFrom").asText(), used::toString);
            browser.driver().navigate().refresh();
            awaitCellContains(token.name(), "token-previous-value-use", "from 127.0.0.1");
            awaitCellContains(token.name(), "token-last-used-where", "from 127.0.0.1 via exchange");
            browser.screenshot("3-previous-value-used");
            assertNoConsoleErrors();

            clock.shiftBy(Duration.ofMinutes(61));
            assertEquals(401, realm.exchange(token.value()).status(), "the previous value stops when the overlap ends");
            assertEquals(200, realm.exchange(rotated).status(), "the new value goes on working");
        } finally {
            clock.reset();
            HttpResult restored = admin.putPolicy(original);
            assertEquals(200, restored.status(), restored::toString);
            admin.delete(token.key());
        }
    }

    /**
     * Issue 16, idle tokens: a token the idle task disabled (imported in the form the task stores, so no task need run
     * here: {@code IdleTokensIT} drives the task itself) shows why, and its owner may activate it, unlike an admin's
     * disabling; activating starts its idle clock again.
     */
    @Test
    void anIdleDisabledTokenShowsWhyAndItsOwnerCanActivateIt(TestInfo test) {
        TokenAdminApi admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
        HttpResult policy = admin.putPolicy(Map.of("disableAfterUnusedDays", 30));
        assertEquals(200, policy.status(), policy::toString);
        String username = uniqueName("idle-owner");
        ApiToken value = ApiToken.generate();
        String name = uniqueName("console-idle");
        Instant created = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        StoredCredential.Data idle = StoredCredential.Data.of(List.of(), "DISABLED", created.plus(Duration.ofDays(200)), created)
                .disabledWhenIdle();
        String userId = realm.createUser(DemoRealm.userRepresentation(username, true,
                List.of(Http.JSON.valueToTree(StoredCredential.Imported.of(value, name, idle, created)))));
        try {
            JsonNode imported = realm.tokensOf(username).listed(value.key());
            assertEquals("idle", imported.path("disabledBy").asText(), imported::toString);
            assertEquals(401, realm.exchange(value.value()).status(), "disabled by the idle task");

            browser = signIn(test, username);
            openApiTokensPage();
            awaitState(name, "Disabled: unused for 30 days");
            browser.screenshot("1-disabled-idle");

            browser.click(rowButton(name, "activate-token"));
            awaitState(name, "Active");
            awaitCellContains(name, "token-idle-disable-at", "Will be disabled if unused by");
            browser.screenshot("2-activated");
            JsonNode active = realm.tokensOf(username).listed(value.key());
            assertEquals("ACTIVE", active.path("state").asText(), active::toString);
            assertTrue(active.path("disabledBy").isNull(), active::toString);
            Instant disableAt = Instant.parse(active.path("idleDisableAt").asText());
            assertTrue(disableAt.isAfter(TestClock.serverNow(realm.http()).plus(Duration.ofDays(29))),
                    "activating restarts the idle clock: " + active);
            assertEquals(200, realm.exchange(value.value()).status(), "activated by its owner");
            assertNoConsoleErrors();
        } finally {
            assertEquals(200, admin.putPolicy(Map.of("disableAfterUnusedDays", 0)).status());
            realm.deleteUser(userId);
        }
    }

    @Test
    void aUserWithoutTheRoleSeesNoApiTokens(TestInfo test) {
        browser = signIn(test, "carol");
        browser.visible(By.cssSelector("nav[data-api-tokens-access='denied']"));
        assertTrue(browser.driver().findElements(NAV_API_TOKENS).isEmpty(), "no 'API tokens' in carol's navigation");
        // the stock entries as this Keycloak's own console lists them: 26.4 and 26.5 inject no "view applications" switch
        browser.visible(By.xpath("//nav//a[normalize-space()='Applications']"));
        browser.screenshot("nav");

        browser.open(server.baseUrl() + "/realms/demo/account/api-tokens");
        WebElement message = browser.visible(By.cssSelector("[data-testid='api-tokens-forbidden']"));
        assertTrue(message.getText().contains("personal-api-tokens"), message::getText);
        assertTrue(browser.driver().findElements(By.cssSelector("[data-testid='api-token-row']")).isEmpty());
        assertTrue(browser.driver().findElements(By.cssSelector("[data-testid='create-token']")).isEmpty());
        browser.screenshot("forbidden");
        // the page asked the REST API, which refused: the browser logs those 403 responses
        assertNoConsoleErrors(logged -> logged.contains("/personal-api-tokens/") && logged.contains("status of 403"));
    }

    private Browser signIn(TestInfo test, String username) {
        Browser started = Browser.start(server, getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        started.open(server.baseUrl() + "/realms/demo/account");
        started.signIn(username, username);
        started.visible(By.cssSelector("nav[data-api-tokens-access]:not([data-api-tokens-access='unknown'])"));
        return started;
    }

    private void openApiTokensPage() {
        browser.visible(By.cssSelector("nav[data-api-tokens-access='granted']"));
        browser.click(NAV_API_TOKENS);
        browser.visible(By.cssSelector("[data-testid='create-token']"));
    }

    private WebElement openCreateDialog() {
        browser.click(By.cssSelector("[data-testid='create-token']"));
        browser.visible(By.id("api-token-name"));
        return browser.visible(By.cssSelector("[role='dialog']"));
    }

    private String issuedValue() {
        WebElement input = browser.visible(ISSUED_VALUE);
        String value = input.getDomProperty("value");
        assertTrue(value != null && value.startsWith("kcpat_"), "token value in the show-once panel: " + value);
        return value;
    }

    private static By rowLocator(String name) {
        return By.cssSelector("tr[data-token-name='" + name + "']");
    }

    private WebElement row(String name) {
        return browser.visible(rowLocator(name));
    }

    private static By rowButton(String name, String testId) {
        return By.cssSelector("tr[data-token-name='" + name + "'] [data-testid='" + testId + "']");
    }

    /** The create dialog's checkbox of a role; {@code client} is empty for a realm role. */
    private static By roleCheckbox(String client, String role) {
        return By.cssSelector("input[data-role-client='" + client + "'][data-role-name='" + role + "']");
    }

    /** A group of the create dialog's role list, by its heading ("Realm roles" or a clientId). */
    private static By roleGroup(String heading) {
        return By.xpath("//*[@data-testid='role-group'][.//h4[normalize-space()='" + heading + "']]");
    }

    /** Waits until the cell {@code testId} of token {@code name}'s row reads {@code text}. */
    private void awaitCell(String name, String testId, String text) {
        browser.await().until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-token-name='" + name + "'] [data-testid='" + testId + "']"), text));
    }

    /** Waits until the element {@code testId} of token {@code name}'s row contains {@code text} (spaces as plain spaces). */
    private void awaitCellContains(String name, String testId, String text) {
        By cell = By.cssSelector("tr[data-token-name='" + name + "'] [data-testid='" + testId + "']");
        browser.await().withMessage(() -> "'" + text + "' in " + testId + " of " + name).until(driver -> {
            List<WebElement> found = driver.findElements(cell);
            return !found.isEmpty() && plainSpaces(found.get(0).getText()).contains(plainSpaces(text));
        });
    }

    /** Intl writes a narrow no-break space before AM/PM; the test's formatter a plain one. */
    private static String plainSpaces(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /** The rotate dialog's choice of an overlap of {@code minutes}. */
    private static By overlap(int minutes) {
        return By.cssSelector("[role='dialog'] input[data-testid='overlap-" + minutes + "']");
    }

    private void awaitState(String name, String state) {
        browser.await().until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-token-name='" + name + "'] [data-testid='token-state']"), state));
    }

    private void assertNoConsoleErrors() {
        assertNoConsoleErrors(message -> false);
    }

    private void assertNoConsoleErrors(Predicate<String> expected) {
        List<String> errors = browser.consoleErrors(expected);
        assertEquals(List.of(), errors, "errors in the browser console");
    }
}
