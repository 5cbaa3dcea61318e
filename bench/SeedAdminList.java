import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.StoredCredential;

/**
 * Writes the import files of a realm for the admin list's benchmark: {@code tokens} tokens, 10 per user, whose facts
 * vary the way a realm's do after a few years: created over 400 days, about a tenth without expiry, some expired or
 * expiring within days, about 40 % never used, 15 % disabled (by owner, admin, the idle task, or format 1's flag), half
 * with a scope, a third with chosen roles (realm and client), one user in twenty disabled. Deterministic (from the
 * token's index), so two runs seed the same realm. Run with the provider JAR on the class path:
 * {@code java -cp provider.jar bench/SeedAdminList.java <tokens> <out-dir> <realm>}.
 */
public final class SeedAdminList {

    static final int TOKENS_PER_USER = 10;
    static final int USERS_PER_FILE = 500;
    static final String REALM = """
            {"realm":"%s","enabled":true,
             "roles":{"realm":[{"name":"personal-api-tokens"},{"name":"reader"}]},
             "clients":[{"clientId":"orders-api","enabled":true,"bearerOnly":true}]}
            """;

    public static void main(String[] args) throws IOException {
        int tokens = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        String realm = args[2];
        Files.createDirectories(out);
        Files.writeString(out.resolve(realm + "-realm.json"), REALM.formatted(realm), StandardCharsets.UTF_8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int written = 0;
        for (int file = 0; written < tokens; file++) {
            // Keycloak's directory import reads <realm>-users-<n>.json files, each in a transaction of its own
            try (BufferedWriter users = Files.newBufferedWriter(out.resolve(realm + "-users-" + file + ".json"), StandardCharsets.UTF_8)) {
                users.write("{\"realm\":\"" + realm + "\",\"users\":[");
                for (int u = 0; u < USERS_PER_FILE && written < tokens; u++) {
                    int user = file * USERS_PER_FILE + u;
                    StringBuilder credentials = new StringBuilder();
                    for (int t = 0; t < TOKENS_PER_USER && written < tokens; t++, written++) {
                        credentials.append(credentials.isEmpty() ? "" : ",").append(credential(written, "token-" + t, now));
                    }
                    users.write(String.format("%s%n{\"username\":\"user%06d\",\"enabled\":%s,\"email\":\"user%06d@bench.test\","
                            + "\"realmRoles\":[\"personal-api-tokens\"],\"credentials\":[%s]}", u == 0 ? "" : ",", user,
                            user % 20 != 7, user, credentials));
                }
                users.write("\n]}\n");
            }
        }
    }

    /** Token {@code i}: each fact from a different stride of the index, so they combine in many ways. */
    static String credential(int i, String name, Instant now) {
        Instant created = now.minus(Duration.ofDays(i % 400)).minusSeconds(i % 86_400);
        Instant expires = switch (i % 10) {
            case 0 -> null;
            case 1, 2 -> now.plus(Duration.ofDays(i % 30));
            default -> created.plus(Duration.ofDays(30 + (i * 7L) % 336));
        };
        Instant lastUsed = i % 5 < 2 ? null : now.minus(Duration.ofDays((i * 13L) % 200)).minusSeconds(i % 3600);
        String state = i % 20 < 3 ? "DISABLED" : "ACTIVE";
        String disabledBy = !state.equals("DISABLED") ? null : switch (i % 4) {
            case 0 -> "owner";
            case 1 -> "admin";
            case 2 -> "idle"; // stored as the owner's, marked disabledIdle
            default -> null; // format 1: an owner's disabling unrecorded
        };
        Boolean flag = "admin".equals(disabledBy) ? Boolean.TRUE : null;
        RoleChoice roles = switch (i % 6) {
            case 0 -> new RoleChoice(List.of("reader"), Map.of("orders-api", List.of("read")));
            case 1 -> new RoleChoice(List.of(), Map.of("orders-api", List.of("write")));
            default -> null;
        };
        StoredCredential.Data data = new StoredCredential.Data(i % 2 == 0 ? List.of("demo-api") : List.of(), state,
                StoredCredential.text(expires), StoredCredential.text(created), StoredCredential.text(lastUsed), null,
                disabledBy, flag, roles, null, lastUsed == null ? null : "10.0." + (i % 250) + ".1",
                lastUsed == null ? null : "exchange", null, null, null, null, null, null);
        if ("idle".equals(disabledBy)) {
            data = data.disabledWhenIdle();
        }
        return JsonText.write(StoredCredential.Imported.of(ApiToken.generate(), name, data, created));
    }
}
