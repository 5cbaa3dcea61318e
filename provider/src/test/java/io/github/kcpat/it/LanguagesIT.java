package io.github.kcpat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcpat.it.support.Browser;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.KeycloakServer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 17, languages: in a realm with internationalization on (en, de, fr, es), a user whose Keycloak locale is German
 * sees the Account Console page in German — texts from this theme's messages_de.properties as the running server hands
 * them out, dates written the German way by Intl — although the browser asks for English; and an admin of that realm
 * whose locale is German sees the admin page "User API tokens" in German (its bundled de.json). With
 * {@code -Ddocs.screenshots=true} the account page's screenshot is copied to {@code docs/screenshots/account-console-de.png}.
 * The realm is this class's own (its admin theme is set there, not on master, so the other browser tests see no change).
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguagesIT {

    private static final String REALM = "languages";
    private static final String USER = "greta";
    private static final String ADMIN = "hilde";
    private static final Path DOCS_SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final Path ACCOUNT_MESSAGES = Path.of("..", "themes", "src", "main", "resources", "theme", "personal-api-tokens",
            "account", "messages");
    /** How Intl's German medium date reads (05.12.2026), in the browser's zone (this machine's). */
    private static final DateTimeFormatter GERMAN_DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneId.systemDefault());

    private final KeycloakServer server;
    private final KeycloakAdmin admin;
    private Browser browser;

    LanguagesIT(KeycloakServer server, DemoRealm demo) {
        this.server = server;
        this.admin = new KeycloakAdmin(demo.http());
    }

    @BeforeAll
    void aRealmWithLanguagesAndGermanUsers() {
        admin.createRealm(REALM);
        admin.updateRealm(REALM, rep -> {
            rep.put("accountTheme", DemoRealm.THEME);
            rep.put("adminTheme", DemoRealm.THEME);
            rep.put("internationalizationEnabled", true);
            rep.putArray("supportedLocales").add("en").add("de").add("fr").add("es");
            rep.put("defaultLocale", "en");
        });
        String userId = germanUser(USER);
        JsonNode role = admin.get("/admin/realms/" + REALM + "/roles/" + DemoRealm.ROLE).json();
        HttpResult granted = admin.http().postJson("/admin/realms/" + REALM + "/users/" + userId + "/role-mappings/realm",
                List.of(role), admin.login().headers());
        assertEquals(204, granted.status(), granted::toString);
        germanUser(ADMIN, "query-users", "view-users", "manage-users", "view-realm");
    }

    /** A user of the realm whose password is their name and whose locale is German; with these realm-management roles. */
    private String germanUser(String username, String... realmManagementRoles) {
        String userId = admin.createUser(REALM, username, username, realmManagementRoles);
        String path = "/admin/realms/" + REALM + "/users/" + userId;
        ObjectNode user = (ObjectNode) admin.get(path).json();
        user.putObject("attributes").putArray("locale").add("de");
        HttpResult updated = admin.http().putJson(path, user, admin.login().headers());
        assertEquals(204, updated.status(), updated::toString);
        return userId;
    }

    @AfterAll
    void removeTheRealm() {
        admin.deleteRealm(REALM);
    }

    @AfterEach
    void closeBrowser() {
        browser = Browser.closeAfterTest(browser);
    }

    @Test
    void theAccountConsolePageIsInGermanForAUserWhoseLocaleIsDe() {
        // midday UTC, 60 days ahead: the same day in any zone the browser may have
        Instant expiresAt = LocalDate.now(ZoneOffset.UTC).plusDays(60).atTime(12, 0).toInstant(ZoneOffset.UTC);
        String name = "Nächtliche Sicherung";
        Instant createdAt = createToken(name, expiresAt);

        browser = Browser.start(server, getClass().getSimpleName());
        browser.open(server.baseUrl() + "/realms/" + REALM + "/account");
        browser.signIn(USER, USER);
        browser.click(By.xpath("//nav//a[normalize-space()='API-Token']"));

        assertEquals("API-Token", browser.visible(By.cssSelector("[data-testid='page-heading']")).getText());
        assertEquals("Token erstellen", browser.visible(By.cssSelector("[data-testid='create-token']")).getText());
        List<String> headers = browser.visible(By.cssSelector("[data-testid='api-tokens-table'] thead")).findElements(By.tagName("th"))
                .stream().map(WebElement::getText).toList();
        assertTrue(headers.containsAll(List.of("Name / Schlüssel", "Status", "Erstellt", "Läuft ab", "Zuletzt verwendet")),
                headers::toString);
        WebElement row = browser.visible(By.cssSelector("tr[data-token-name='" + name + "']"));
        String text = row.getText();
        assertTrue(text.contains(GERMAN_DAY.format(expiresAt)), () -> "expiry " + GERMAN_DAY.format(expiresAt) + " in: " + text);
        assertTrue(text.contains(GERMAN_DAY.format(createdAt)), () -> "created " + GERMAN_DAY.format(createdAt) + " in: " + text);
        assertTrue(text.contains("Aktiv") && text.contains("Nie"), text);
        assertFalse(text.contains("Active") || text.contains("Never"), text);
        assertEquals(List.of(), browser.consoleErrors(message -> false), "errors in the browser console");
        copyToDocs(browser.screenshot("de"), "account-console-de.png");
    }

    @Test
    void theAdminPageIsInGermanForAnAdminWhoseLocaleIsDe() {
        Instant expiresAt = LocalDate.now(ZoneOffset.UTC).plusDays(30).atTime(12, 0).toInstant(ZoneOffset.UTC);
        String name = "Wöchentlicher Bericht";
        createToken(name, expiresAt);

        browser = Browser.start(server, getClass().getSimpleName() + "-admin");
        browser.open(server.baseUrl() + "/admin/" + REALM + "/console/");
        browser.signIn(ADMIN, ADMIN);
        browser.click(By.cssSelector("#nav-item-user-api-tokens"));

        browser.visible(By.xpath("//h1[normalize-space()='API-Token der Benutzer']"));
        browser.visible(By.xpath("//*[contains(@class,'pf-v5-c-tabs__link')][normalize-space()='Richtlinie']"));
        WebElement row = browser.visible(By.xpath("//tr[.//*[@data-testid='token-owner']][contains(., '" + name + "')]"));
        String text = row.getText();
        assertTrue(text.contains(GERMAN_DAY.format(expiresAt)) && text.contains("Aktiv"), text);
        List<String> headers = browser.driver().findElements(By.xpath("//table[.//*[@data-testid='token-owner']]//thead//th"))
                .stream().map(WebElement::getText).toList();
        assertTrue(headers.containsAll(List.of("Benutzer", "Läuft ab", "Zuletzt verwendet")), headers::toString);
        browser.screenshot("admin-de");
    }

    /** A token of {@code USER}, made over the admin API; its creation time. */
    private Instant createToken(String name, Instant expiresAt) {
        HttpResult created = admin.tokens(REALM).create(Map.of("user", USER, "name", name, "expiresAt", expiresAt.toString()));
        assertEquals(201, created.status(), created::toString);
        return Instant.parse(created.json().path("createdAt").asText());
    }

    /** The running server hands out each language's texts exactly as the files hold them: UTF-8 read as UTF-8. */
    @Test
    void theServerServesEveryLanguageAsWritten() throws IOException {
        for (String language : List.of("de", "fr", "es")) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(ACCOUNT_MESSAGES.resolve("messages_" + language + ".properties"),
                    StandardCharsets.UTF_8)) {
                file.load(reader);
            }
            HttpResult served = admin.http().get("/resources/" + REALM + "/account/" + language);
            assertEquals(200, served.status(), served::toString);
            Map<String, String> byKey = new HashMap<>();
            served.json().forEach(entry -> byKey.put(entry.path("key").asText(), entry.path("value").asText()));
            for (String key : file.stringPropertyNames()) {
                assertEquals(file.getProperty(key), byKey.get(key), language + " " + key);
            }
        }
    }

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
