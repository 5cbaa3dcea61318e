import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.kcpat.cli.CredentialJson;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.StoredCredential;

/**
 * Writes the import files of a realm holding {@code tokens} personal API tokens spread over users (10 each),
 * the clients the benchmark needs, and the token values the load scripts send (a sample: the first
 * {@code sample} tokens of each kind). Every other user's tokens have every check on (a chosen role and an IP
 * allowlist): {@code tokens-limited.txt} samples those, {@code tokens.txt} the others, {@code tokens-basic.txt} the
 * latter again as Basic credentials ({@code base64(username:token)}). Of the others, every other user's tokens were
 * rotated with an overlap that lasts: {@code tokens-previous.txt} samples their previous values, which the doors
 * accept until the overlap ends (so {@code tokens.txt} samples a quarter of the users). Run with the provider JAR on the class path:
 * {@code java -cp provider.jar bench/Seed.java <tokens> <sample> <out-dir> <realm>}.
 */
public final class Seed {

    static final int TOKENS_PER_USER = 10;
    static final int USERS_PER_FILE = 500;
    static final RoleChoice ROLES = new RoleChoice(List.of("personal-api-tokens"), Map.of());
    static final List<String> ALLOWED_IPS = List.of("127.0.0.0/8", "::1");
    static final String REALM = """
            {"realm":"%s","enabled":true,"accessTokenLifespan":300,
             "roles":{"realm":[{"name":"personal-api-tokens"}]},
             "clients":[{"clientId":"bench-gateway","enabled":true,"publicClient":false,"secret":"bench-secret",
               "standardFlowEnabled":false,"directAccessGrantsEnabled":false,"serviceAccountsEnabled":true,
               "attributes":{"personalApiTokens.exchange":"true"}}],
             "users":[{"username":"service-account-bench-gateway","enabled":true,"serviceAccountClientId":"bench-gateway"}]}
            """;

    public static void main(String[] args) throws IOException {
        int tokens = Integer.parseInt(args[0]);
        int sample = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        String realm = args[3];
        Files.createDirectories(out);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plus(Duration.ofDays(300));
        try (BufferedWriter values = Files.newBufferedWriter(out.resolve("tokens.txt"), StandardCharsets.UTF_8);
                BufferedWriter limitedValues = Files.newBufferedWriter(out.resolve("tokens-limited.txt"), StandardCharsets.UTF_8);
                BufferedWriter basicValues = Files.newBufferedWriter(out.resolve("tokens-basic.txt"), StandardCharsets.UTF_8);
                BufferedWriter previousValues = Files.newBufferedWriter(out.resolve("tokens-previous.txt"), StandardCharsets.UTF_8)) {
            Files.writeString(out.resolve(realm + "-realm.json"), REALM.formatted(realm), StandardCharsets.UTF_8);
            int written = 0;
            int sampled = 0;
            int limitedSampled = 0;
            int previousSampled = 0;
            for (int file = 0; written < tokens; file++) {
                // Keycloak's directory import reads <realm>-users-<n>.json files, each in a transaction of its own
                try (BufferedWriter usersFile = Files.newBufferedWriter(out.resolve(realm + "-users-" + file + ".json"), StandardCharsets.UTF_8)) {
                    usersFile.write("{\"realm\":\"" + realm + "\",\"users\":[");
                    for (int u = 0; u < USERS_PER_FILE && written < tokens; u++) {
                        int user = file * USERS_PER_FILE + u;
                        String username = String.format("user%06d", user);
                        // every other user's tokens have every check on: a chosen role and an IP allowlist
                        boolean limited = user % 2 == 1;
                        boolean rotated = user % 4 == 2;
                        StringBuilder credentials = new StringBuilder();
                        for (int t = 0; t < TOKENS_PER_USER && written < tokens; t++, written++) {
                            ApiToken token = ApiToken.generate();
                            if (rotated) {
                                if (previousSampled < sample) {
                                    previousValues.write(token.value());
                                    previousValues.newLine();
                                    previousSampled++;
                                }
                                credentials.append(credentials.isEmpty() ? "" : ",")
                                        .append(rotatedWithOverlap(token, "token-" + t, expiry, now, expiry));
                                continue;
                            }
                            if (!limited && sampled < sample) {
                                values.write(token.value());
                                values.newLine();
                                basicValues.write(Base64.getEncoder().encodeToString(
                                        (username + ":" + token.value()).getBytes(StandardCharsets.UTF_8)));
                                basicValues.newLine();
                                sampled++;
                            }
                            if (limited && limitedSampled < sample) {
                                limitedValues.write(token.value());
                                limitedValues.newLine();
                                limitedSampled++;
                            }
                            credentials.append(credentials.isEmpty() ? "" : ",").append(limited
                                    ? CredentialJson.write(token, "token-" + t, expiry, List.of(), false, now, ROLES, ALLOWED_IPS)
                                    : CredentialJson.write(token, "token-" + t, expiry, List.of(), false, now));
                        }
                        usersFile.write(String.format("%s%n{\"username\":\"%s\",\"enabled\":true,\"email\":\"%s@bench.test\","
                                + "\"realmRoles\":[\"personal-api-tokens\"],\"credentials\":[%s]}", u == 0 ? "" : ",", username, username, credentials));
                    }
                    usersFile.write("\n]}\n");
                }
            }
        }
    }

    /** A token rotated with an overlap until {@code overlapEnds}: {@code previous} still works, beside a new value nobody sends. */
    static String rotatedWithOverlap(ApiToken previous, String name, Instant expiry, Instant now, Instant overlapEnds) {
        ApiToken current = ApiToken.withKey(previous.key());
        StoredCredential.Data data = StoredCredential.Data.of(List.of(), "ACTIVE", expiry, now)
                .withLifecycle(null, null, null, null, overlapEnds.toString(), null, null);
        return JsonText.write(new StoredCredential.Imported(previous.key(), StoredCredential.TYPE, name, now.toEpochMilli(),
                data.json(), StoredCredential.Secret.of(previous).rotatedTo(current).json()));
    }
}
