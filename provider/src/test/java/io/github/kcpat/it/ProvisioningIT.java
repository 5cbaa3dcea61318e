package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CliJar;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.TokenApi;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.HandMadeTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The provisioning folder (issue 6) on a Keycloak of its own, started with
 * {@code --spi-realm-restapi-extension--personal-api-tokens--provisioning-dir=<folder>}: files made with the CLI of the
 * deployable JAR are applied at startup, renamed {@code .done} or {@code .failed} (with a reason beside), never applied
 * twice, and the log tells what happened without ever showing a token.
 *
 * <p>Two starts: the first applies the create files and the bad ones; the second, after alice deleted provisioned
 * tokens herself and the operator fixed the skipped files, applies those and updates and deletes by key and must leave
 * the files of the first start alone. A folder others may write is refused as a whole before anything in it is read:
 * {@code provisioning/ProvisioningFolderTest}.
 *
 * <p>How one operation is read (the expiry grammar, e.g. a date alone; an unknown state explained in the file's
 * terms; unknown fields; the operation's number in the reason) is unit-tested in {@code provisioning/ProvisioningRequestTest};
 * here 42-invalid-json.json is the wiring case of a bad file failing whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("ProvisioningIT's servers")
@Order(1)
class ProvisioningIT {

    static final String OPTION = "--spi-realm-restapi-extension--personal-api-tokens--provisioning-dir=";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String ciExpiry = now.plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.DAYS).toString();
    private final List<String> everyTokenValue = new ArrayList<>();

    private KeycloakServer server;
    private DemoRealm realm;
    private Path folder;

    // made with the CLI of the JAR
    private CliJar.Token ci;
    private CliJar.Token scratch;
    private CliJar.Token bobToDelete;
    private CliJar.Token bobKept;
    private CliJar.Token twice;
    private CliJar.Token unknownUser;
    private CliJar.Token beyondMaxLifetime;
    private CliJar.Token atomic;
    private CliJar.Token unknownRealm;
    private CliJar.Token inInvalidJson;
    private CliJar.Token groupWritable;
    private CliJar.Token otherWritable;
    private CliJar.Token symlinked;
    private CliJar.Token recordBlocked;
    private String weakSecret;
    private Path symlinkTarget;
    private String malformed;
    private String sameKeyOtherValue;
    private final String unknownKey = UUID.randomUUID().toString();
    private final String absentKey = UUID.randomUUID().toString();
    private final String updatedExpiry = now.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS).toString();
    private boolean secondStarted;

    @BeforeAll
    void startWithTheFirstFiles() throws IOException {
        ci = token();
        scratch = token();
        bobToDelete = token();
        bobKept = token();
        twice = token();
        unknownUser = token();
        beyondMaxLifetime = token();
        atomic = token();
        unknownRealm = token();
        inInvalidJson = token();
        groupWritable = token();
        otherWritable = token();
        symlinked = token();
        recordBlocked = token();
        weakSecret = HandMadeTokens.allZeroSecret();
        everyTokenValue.add(weakSecret);
        malformed = mangle(token().value());
        sameKeyOtherValue = ApiToken.withKey(ci.key()).value();
        everyTokenValue.addAll(List.of(malformed, sameKeyOtherValue));

        server = KeycloakServer.independent("provisioning");
        folder = Files.createDirectories(server.workDir().resolve("provisioning.d"));
        // whatever the umask: the folder and the files are the owner's alone unless a test says otherwise
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        server.addOptions(OPTION + folder.toAbsolutePath());
        server.withDemoRealm();

        write("10-create-ci.json", create("alice", "ci", ci.value(), ciExpiry, List.of("demo-api")));
        write("11-create-scratch.json", create("alice", "scratch", scratch.value(), null, null));
        write("12-create-two-for-bob.json", List.of(
                create("bob", "to-delete", bobToDelete.value(), ciExpiry, List.of()),
                create("bob", "kept", bobKept.value(), ciExpiry, List.of())));
        Map<String, Object> twiceCreate = create("alice", "twice", twice.value(), ciExpiry, List.of());
        write("30-twice.json", twiceCreate);
        write("31-twice-copy.json", twiceCreate);
        write("32-same-key-other-value.json", create("alice", "impostor", sameKeyOtherValue, ciExpiry, List.of()));
        write("40-unknown-user.json", create("nobody", "ci", unknownUser.value(), ciExpiry, List.of()));
        write("41-malformed-token.json", create("alice", "malformed", malformed, ciExpiry, List.of()));
        String createWithToken = Http.JSON.writeValueAsString(create("alice", "broken", inInvalidJson.value(), ciExpiry, List.of()));
        writeText(folder.resolve("42-invalid-json.json"), createWithToken.substring(0, createWithToken.length() - 1));
        write("43-beyond-max-lifetime.json", create("alice", "too-long", beyondMaxLifetime.value(),
                now.plus(Duration.ofDays(400)).toString(), List.of()));
        write("44-all-or-nothing.json", List.of(
                create("bob", "atomic", atomic.value(), ciExpiry, List.of()),
                create("nobody", "atomic", token().value(), ciExpiry, List.of())));
        Map<String, Object> otherRealm = create("alice", "elsewhere", unknownRealm.value(), ciExpiry, List.of());
        otherRealm.put("realm", "nowhere");
        write("45-unknown-realm.json", otherRealm);
        write("48-weak-secret.json", create("alice", "weak", weakSecret, ciExpiry, List.of()));

        // issue 12: files anyone but the owner could have written, or reached through a link, are never applied
        write("20-group-writable.json", create("alice", "group-writable", groupWritable.value(), ciExpiry, List.of()));
        Files.setPosixFilePermissions(folder.resolve("20-group-writable.json"), PosixFilePermissions.fromString("rw-rw-r--"));
        write("21-other-writable.json", create("alice", "other-writable", otherWritable.value(), ciExpiry, List.of()));
        Files.setPosixFilePermissions(folder.resolve("21-other-writable.json"), PosixFilePermissions.fromString("rw-r--rw-"));
        symlinkTarget = Files.createDirectories(server.workDir().resolve("elsewhere")).resolve("22-target.json");
        writeText(symlinkTarget, Http.JSON.writeValueAsString(create("alice", "symlinked", symlinked.value(), ciExpiry, List.of())));
        Files.createSymbolicLink(folder.resolve("22-symlinked.json"), symlinkTarget);
        // issue 12: the outcome of this file cannot be recorded (a folder holds its .done name)
        write("60-record-blocked.json", create("alice", "record-blocked", recordBlocked.value(), ciExpiry, List.of()));
        Files.createDirectory(folder.resolve("60-record-blocked.json.done"));
        Files.writeString(folder.resolve("README.txt"), "not a .json file: left alone");

        server.start();
        realm = DemoRealm.on(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theJarAloneRunsTheCli() {
        CliJar.Result key = CliJar.run("--get-key", ci.value());
        assertEquals(0, key.exitCode(), key::toString);
        assertEquals(ci.key(), key.json().path("key").asText(), key::toString);

        CliJar.Result bad = CliJar.run("--get-key", malformed);
        assertEquals(2, bad.exitCode(), bad::toString);
        assertFalse(bad.out().contains(malformed) || bad.err().contains(malformed), bad::toString);
    }

    @Test
    @Order(2)
    void aCreateFileIsAppliedAtStartupAndRenamedDone() {
        assertEquals(Set.of("10-create-ci.json.done", "11-create-scratch.json.done", "12-create-two-for-bob.json.done",
                "30-twice.json.done", "31-twice-copy.json.done",
                "32-same-key-other-value.json.failed", "32-same-key-other-value.json.failed.txt",
                "40-unknown-user.json.failed", "40-unknown-user.json.failed.txt",
                "41-malformed-token.json.failed", "41-malformed-token.json.failed.txt",
                "42-invalid-json.json.failed", "42-invalid-json.json.failed.txt",
                "43-beyond-max-lifetime.json.failed", "43-beyond-max-lifetime.json.failed.txt",
                "44-all-or-nothing.json.failed", "44-all-or-nothing.json.failed.txt",
                "45-unknown-realm.json.failed", "45-unknown-realm.json.failed.txt",
                "48-weak-secret.json.failed", "48-weak-secret.json.failed.txt",
                "20-group-writable.json", "21-other-writable.json", "22-symlinked.json",
                "60-record-blocked.json.done", "60-record-blocked.json.processing",
                "README.txt"), files());

        HttpResult exchange = realm.exchange(ci.value());
        assertExchanged(exchange);
        assertTrue(List.of(exchange.text("scope").split(" ")).contains("demo-api"), exchange::toString);
        assertEquals("alice", realm.verifyJwt(exchange.text("access_token")).claims().path("preferred_username").asText());

        JsonNode listed = realm.tokensOf("alice").listed(ci.key());
        assertNotNull(listed, "the provisioned token is not in alice's list");
        assertEquals("ci", listed.path("name").asText(), listed::toString);
        assertEquals("ACTIVE", listed.path("state").asText(), listed::toString);
        assertEquals(ciExpiry, listed.path("expiresAt").asText(), listed::toString);
        assertEquals(List.of("demo-api"), Http.list(listed.path("scopes")), listed::toString);
    }

    @Test
    @Order(3)
    void aFileMayHoldSeveralOperationsAndDefaultsApply() {
        TokenApi bob = realm.tokensOf("bob");
        assertExchanged(realm.exchange(bobToDelete.value()));
        assertExchanged(realm.exchange(bobKept.value()));
        assertNotNull(bob.listed(bobToDelete.key()));
        assertEquals("kept", bob.listed(bobKept.key()).path("name").asText());

        // no expiresAt in the file: the realm's default lifetime (90 days), as for a token made in the console
        JsonNode listed = realm.tokensOf("alice").listed(scratch.key());
        assertNotNull(listed, "11-create-scratch.json made no token");
        Duration lifetime = Duration.between(now, Instant.parse(listed.path("expiresAt").asText()));
        assertTrue(Math.abs(lifetime.minusDays(90).toMinutes()) <= 5, () -> "default lifetime is " + lifetime);
        assertExchanged(realm.exchange(scratch.value()));
    }

    @Test
    @Order(4)
    void theSameCreateTwiceIsANoOp() {
        TokenApi alice = realm.tokensOf("alice");
        assertExchanged(realm.exchange(twice.value()));
        long named = alice.list().json().findValuesAsText("name").stream().filter("twice"::equals).count();
        assertEquals(1, named, () -> alice.list().toString());
        assertTrue(logLines("31-twice-copy.json").stream().anyMatch(line -> line.contains(twice.key()) && line.contains("alice")
                && line.contains("already provisioned")), () -> "no no-op line for the copy: " + logLines("31-twice-copy.json"));
    }

    @Test
    @Order(5)
    void theSameKeyWithAnotherValueFailsAndTheFirstValueKeepsWorking() {
        assertTrue(reason("32-same-key-other-value.json").toLowerCase().contains("key"), reason("32-same-key-other-value.json"));
        assertRefused(realm.exchange(sameKeyOtherValue));
        assertExchanged(realm.exchange(ci.value()));
        assertEquals("ci", realm.tokensOf("alice").listed(ci.key()).path("name").asText());
    }

    @Test
    @Order(6)
    void aBadFileIsRenamedFailedWithTheReasonBesideItAndChangesNothing() {
        assertAll(
                () -> assertReason("40-unknown-user.json", "nobody"),
                () -> assertReason("41-malformed-token.json", "well-formed"),
                () -> assertReason("42-invalid-json.json", "JSON"),
                () -> assertReason("43-beyond-max-lifetime.json", "365 days"),
                () -> assertReason("44-all-or-nothing.json", "nobody"),
                () -> assertReason("45-unknown-realm.json", "nowhere"));

        assertRefused(realm.exchange(unknownUser.value()));
        assertRefused(realm.exchange(malformed));
        assertRefused(realm.exchange(inInvalidJson.value()));
        assertRefused(realm.exchange(beyondMaxLifetime.value()));
        assertRefused(realm.exchange(unknownRealm.value()));
        // one file, one transaction: the valid first operation of 44 was rolled back with the failed second one
        assertRefused(realm.exchange(atomic.value()));
        assertNull(realm.tokensOf("bob").listed(atomic.key()), "44-all-or-nothing.json was applied in part");
        JsonNode alicesTokens = realm.tokensOf("alice").list().json();
        for (String name : List.of("malformed", "broken", "too-long", "impostor")) {
            assertFalse(alicesTokens.findValuesAsText("name").contains(name), () -> name + " was created: " + alicesTokens);
        }
    }

    @Test
    @Order(10)
    void updatesAndDeletesByKeyApplyAtTheNextStartAndNoFileIsAppliedTwice() throws IOException {
        secondStart();

        Set<String> files = files();
        assertTrue(files.containsAll(Set.of("50-update-ci.json.done", "51-delete-bob.json.done",
                "52-update-unknown-key.json.failed", "52-update-unknown-key.json.failed.txt", "53-delete-absent-key.json.done",
                "10-create-ci.json.done", "11-create-scratch.json.done", "40-unknown-user.json.failed")), files::toString);
        assertTrue(files.stream().noneMatch(name -> name.endsWith(".done.done") || name.endsWith(".failed.failed")
                || name.endsWith(".json") && !name.equals("22-symlinked.json")), files::toString);
        assertReason("52-update-unknown-key.json", unknownKey);

        // update by key: state, name, expiry and scopes
        assertRefused(realm.exchange(ci.value()));
        TokenApi aliceAgain = realm.tokensOf("alice");
        JsonNode updated = aliceAgain.listed(ci.key());
        assertNotNull(updated, "the updated token is gone");
        assertEquals("DISABLED", updated.path("state").asText(), updated::toString);
        assertEquals("ci-disabled", updated.path("name").asText(), updated::toString);
        assertEquals(updatedExpiry, updated.path("expiresAt").asText(), updated::toString);
        assertEquals(List.of(), Http.list(updated.path("scopes")), updated::toString);

        // delete by key
        assertRefused(realm.exchange(bobToDelete.value()));
        TokenApi bob = realm.tokensOf("bob");
        assertNull(bob.listed(bobToDelete.key()), "the deleted token is still listed");
        assertExchanged(realm.exchange(bobKept.value()));

        // the .done create of a token alice deleted since is not applied again
        assertRefused(realm.exchange(scratch.value()));
        assertNull(aliceAgain.listed(scratch.key()), "a .done file was applied again at restart");
        for (String file : List.of("10-create-ci.json", "11-create-scratch.json", "30-twice.json", "40-unknown-user.json")) {
            assertEquals(1, logLines(file).size(), () -> file + " was applied again: " + logLines(file));
        }
    }

    @Test
    @Order(11)
    void theLogHasOneLinePerOperationWithKeyUserAndOutcome() {
        assertAll(
                () -> assertOneLine("10-create-ci.json", ci.key(), "alice", "created"),
                () -> assertOneLine("11-create-scratch.json", scratch.key(), "alice", "created"),
                () -> assertOneLine("30-twice.json", twice.key(), "alice", "created"),
                () -> assertOneLine("31-twice-copy.json", twice.key(), "alice", "already provisioned"),
                () -> assertOneLine("50-update-ci.json", ci.key(), "alice", "updated"),
                () -> assertOneLine("51-delete-bob.json", bobToDelete.key(), "bob", "deleted"),
                () -> assertOneLine("53-delete-absent-key.json", absentKey, "", "absent"),
                () -> {
                    List<String> lines = logLines("12-create-two-for-bob.json");
                    assertEquals(2, lines.size(), lines::toString);
                    assertTrue(lines.get(0).contains(bobToDelete.key()) && lines.get(0).contains("bob"), lines::toString);
                    assertTrue(lines.get(1).contains(bobKept.key()) && lines.get(1).contains("bob"), lines::toString);
                },
                () -> assertFailureLine("40-unknown-user.json", "nobody"),
                () -> assertFailureLine("41-malformed-token.json", "well-formed"),
                () -> assertFailureLine("42-invalid-json.json", "JSON"),
                () -> assertFailureLine("43-beyond-max-lifetime.json", "365 days"),
                () -> assertTrue(logLines("44-all-or-nothing.json").stream()
                        .anyMatch(line -> line.contains("failed") && line.contains("nobody")), () -> logLines("44-all-or-nothing.json").toString()),
                () -> assertFailureLine("45-unknown-realm.json", "nowhere"),
                () -> assertFailureLine("52-update-unknown-key.json", unknownKey));
    }

    /**
     * Issue 6: "one log line per operation with key, user and outcome" holds for a refused operation too, and no line
     * claims an outcome that the file's rollback undid.
     */
    @Test
    @Order(12)
    void theLogOfAFailedFileNamesKeyAndUserAndClaimsNothingRolledBack() {
        assertAll(
                () -> assertFailureLine("40-unknown-user.json", unknownUser.key(), "nobody"),
                () -> assertFailureLine("43-beyond-max-lifetime.json", beyondMaxLifetime.key(), "alice"),
                () -> assertFailureLine("32-same-key-other-value.json", ci.key(), "alice"),
                () -> assertTrue(logLines("44-all-or-nothing.json").stream()
                                .noneMatch(line -> line.contains(atomic.key()) && line.endsWith(": created")),
                        () -> "the log says a token was created that the failed file's rollback removed: "
                                + logLines("44-all-or-nothing.json")));
    }

    @Test
    @Order(13)
    void noTokenValueReachesTheLogOrAReasonFile() throws IOException {
        String log = Files.readString(server.log());
        List<Path> reasons;
        try (Stream<Path> listed = Files.list(folder)) {
            reasons = listed.filter(file -> file.toString().endsWith(".failed.txt")).toList();
        }
        assertEquals(9, reasons.size(), reasons::toString);
        List<Path> records;
        try (Stream<Path> listed = Files.list(folder)) {
            records = listed.filter(file -> file.toString().endsWith(".done") && Files.isRegularFile(file)).toList();
        }
        assertTrue(records.size() >= 8, records::toString);
        for (String value : everyTokenValue) {
            assertFalse(log.contains(value), () -> "the server log shows a token value; see " + server.log());
            assertFalse(log.contains(value.substring(6, 40)), () -> "the server log shows part of a token; see " + server.log());
            for (Path reason : reasons) {
                assertFalse(Files.readString(reason).contains(value.substring(6, 40)), () -> reason + " shows a token");
            }
            for (Path record : records) {
                assertFalse(Files.readString(record).contains(value.substring(6, 40)), () -> record + " holds a token value");
            }
        }
    }

    /**
     * Issue 12, the attack: a value with a valid checksum and an all-zero secret, which anyone could type; once provisioned,
     * whoever guesses the pattern holds alice's token.
     */
    @Test
    @Order(8)
    void aValueWhoseSecretIsNotRandomFailsTheFile() {
        assertReason("48-weak-secret.json", "not random");
        assertRefused(realm.exchange(weakSecret));
        assertFalse(realm.tokensOf("alice").list().json().findValuesAsText("name").contains("weak"), "the weak value was stored");
        assertFailureLine("48-weak-secret.json", "not random");
    }

    /**
     * Issue 12, the attack: someone in Keycloak's group (or any local user) who may write a file, but should not give
     * tokens to anyone, edits or drops a file in the folder. Such a file is skipped with a warning naming it, and waits.
     */
    @Test
    @Order(8)
    void aFileWritableByGroupOrOthersIsSkippedWithAWarningNamingIt() {
        assertRefused(realm.exchange(groupWritable.value()));
        assertRefused(realm.exchange(otherWritable.value()));
        JsonNode names = realm.tokensOf("alice").list().json();
        assertFalse(names.findValuesAsText("name").contains("group-writable"), names::toString);
        assertFalse(names.findValuesAsText("name").contains("other-writable"), names::toString);
        for (String file : List.of("20-group-writable.json", "21-other-writable.json")) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), () -> file + " should be left as it is: " + files());
            assertTrue(warnings().stream().anyMatch(line -> line.contains(folder.resolve(file).toString())
                    && line.contains("group or others")), () -> "no warning naming " + file + ": " + warnings());
        }
    }

    /** Issue 12, the attack: a link in the folder makes the server apply a file that lives (and is written) elsewhere. */
    @Test
    @Order(8)
    void aSymbolicLinkIsNeverFollowed() {
        assertRefused(realm.exchange(symlinked.value()));
        assertTrue(Files.isSymbolicLink(folder.resolve("22-symlinked.json")), files()::toString);
        assertTrue(Files.isRegularFile(symlinkTarget), "the link's target was moved or removed");
        assertTrue(warnings().stream().anyMatch(line -> line.contains(folder.resolve("22-symlinked.json").toString())
                && line.contains("symbolic link")), () -> "no warning naming the link: " + warnings());
    }

    /** Issue 12, the attack: whoever can read the folder later (a backup, a copied volume) finds working tokens in .done. */
    @Test
    @Order(8)
    void aDoneFileNamesTheKeyAndHoldsNoTokenValue() throws IOException {
        JsonNode ciRecord = Http.JSON.readTree(Files.readString(folder.resolve("10-create-ci.json.done")));
        assertFalse(ciRecord.has("token"), ciRecord::toString);
        assertEquals(ci.key(), ciRecord.path("key").asText(), ciRecord::toString);
        assertEquals("ci", ciRecord.path("name").asText(), ciRecord::toString);

        String bobs = Files.readString(folder.resolve("12-create-two-for-bob.json.done"));
        JsonNode bobRecord = Http.JSON.readTree(bobs);
        assertEquals(List.of(bobToDelete.key(), bobKept.key()), bobRecord.findValuesAsText("key"), bobs);
        assertTrue(bobRecord.findValues("token").isEmpty(), bobs);
        assertFalse(bobs.contains(bobToDelete.value().substring(6, 40)) || bobs.contains(bobKept.value().substring(6, 40)), bobs);
    }

    /**
     * Issue 12, the old bug: when a file's {@code .done} could not be written after it was applied, the file stayed
     * {@code .json} and the next start applied it again, bringing back a token its owner had deleted since.
     */
    @Test
    @Order(9)
    void aFileWhoseOutcomeCannotBeRecordedIsAppliedOnceAndNeverAgain() throws IOException {
        secondStart();

        assertRefused(realm.exchange(recordBlocked.value()));
        assertNull(realm.tokensOf("alice").listed(recordBlocked.key()), "a file whose outcome was not recorded was applied again");
        assertEquals(1, logLines("60-record-blocked.json").size(), () -> logLines("60-record-blocked.json").toString());
        assertTrue(warnings().stream().anyMatch(line -> line.contains("60-record-blocked.json.processing")),
                () -> "no warning about the left-over claim: " + warnings());
        // once only the owner may write them, the skipped files apply
        assertTrue(files().containsAll(Set.of("20-group-writable.json.done", "21-other-writable.json.done")), files()::toString);
        assertExchanged(realm.exchange(groupWritable.value()));
        assertExchanged(realm.exchange(otherWritable.value()));
    }

    // --- helpers

    /**
     * The second start, once for tests 9 and 10: what the owners and the operator did since the first start, then one
     * restart (one each would cost another Keycloak start).
     */
    private void secondStart() throws IOException {
        if (secondStarted) {
            return;
        }
        secondStarted = true;
        // 9: the file whose outcome could not be recorded was applied; its owner deletes the token
        assertExchanged(realm.exchange(recordBlocked.value()));
        assertTrue(Files.exists(folder.resolve("60-record-blocked.json.processing")), files()::toString);
        TokenApi alice = realm.tokensOf("alice");
        HttpResult deleted = alice.delete(recordBlocked.key());
        assertEquals(204, deleted.status(), deleted::toString);
        // 9: the operator gives the skipped files to Keycloak's user alone
        for (String file : List.of("20-group-writable.json", "21-other-writable.json")) {
            Files.setPosixFilePermissions(folder.resolve(file), PosixFilePermissions.fromString("rw-------"));
        }
        // 10: alice deletes a provisioned token; the operator updates and deletes by key
        deleted = alice.delete(scratch.key());
        assertEquals(204, deleted.status(), deleted::toString);
        write("50-update-ci.json", Map.of("action", "update", "realm", "demo", "key", ci.key(),
                "state", "DISABLED", "name", "ci-disabled", "expiresAt", updatedExpiry, "scopes", List.of()));
        write("51-delete-bob.json", Map.of("action", "delete", "realm", "demo", "key", bobToDelete.key()));
        write("52-update-unknown-key.json", Map.of("action", "update", "realm", "demo", "key", unknownKey, "state", "DISABLED"));
        write("53-delete-absent-key.json", Map.of("action", "delete", "realm", "demo", "key", absentKey));
        server.restart();
    }

    /** The server log's WARN and ERROR lines about provisioning. */
    private List<String> warnings() {
        try (Stream<String> lines = Files.lines(server.log())) {
            return lines.filter(line -> (line.contains("WARN") || line.contains("ERROR")) && line.contains("provisioning")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliJar.Token token() {
        CliJar.Token token = CliJar.generate();
        everyTokenValue.add(token.value());
        return token;
    }

    /** A token with one character changed: right length and alphabet, wrong checksum. */
    private static String mangle(String token) {
        char c = token.charAt(30);
        return token.substring(0, 30) + (c == 'a' ? 'b' : 'a') + token.substring(31);
    }

    private static Map<String, Object> create(String user, String name, String token, String expiresAt, List<String> scopes) {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("action", "create");
        create.put("realm", "demo");
        create.put("user", user);
        create.put("name", name);
        create.put("token", token);
        if (expiresAt != null) {
            create.put("expiresAt", expiresAt);
        }
        if (scopes != null) {
            create.put("scopes", scopes);
        }
        create.put("state", "ACTIVE");
        return create;
    }

    private void write(String name, Object content) {
        try {
            writeText(folder.resolve(name), Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file only its owner may write, as the README asks. */
    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> files() {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String reason(String file) {
        Path reason = folder.resolve(file + ".failed.txt");
        assertTrue(Files.exists(folder.resolve(file + ".failed")), () -> file + " was not renamed .failed: " + files());
        assertTrue(Files.exists(reason), () -> "no " + reason.getFileName() + ": " + files());
        try {
            return Files.readString(reason).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertReason(String file, String expected) {
        String reason = reason(file);
        assertTrue(reason.contains(expected), () -> file + ".failed.txt should say why (" + expected + "): " + reason);
        for (String value : everyTokenValue) {
            assertFalse(reason.contains(value.substring(6, 40)), () -> file + ".failed.txt shows a token: " + reason);
        }
    }

    /** The lines of the server log about {@code file}. */
    private List<String> logLines(String file) {
        try (Stream<String> lines = Files.lines(server.log())) {
            return lines.filter(line -> line.contains("provisioning " + file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertOneLine(String file, String key, String user, String outcome) {
        List<String> lines = logLines(file);
        assertEquals(1, lines.size(), () -> "one line expected for " + file + ": " + lines);
        assertTrue(lines.get(0).contains(key) && lines.get(0).contains(user) && lines.get(0).contains(outcome),
                () -> "the line should name " + key + ", " + user + " and '" + outcome + "': " + lines);
    }

    private void assertFailureLine(String file, String... expected) {
        List<String> lines = logLines(file);
        assertEquals(1, lines.size(), () -> "one line expected for " + file + ": " + lines);
        for (String text : expected) {
            assertTrue(lines.get(0).contains("fail") && lines.get(0).contains(text),
                    () -> "the line for " + file + " should say it failed and name '" + text + "': " + lines);
        }
    }
}
