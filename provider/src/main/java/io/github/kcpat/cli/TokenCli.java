package io.github.kcpat.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.kcpat.limits.IpAllowlist;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.Expiry;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.JsonText.OmitWhenNull;
import io.github.kcpat.token.StoredCredential;
import io.github.kcpat.token.TokenName;

/**
 * {@code java -jar keycloak-personal-api-tokens.jar [command]}: makes tokens before any server runs, for
 * provisioning and realm imports. Needs nothing but this JAR.
 */
public final class TokenCli {

    static final int USAGE_ERROR = 2;
    static final String USAGE = """
            Usage: java -jar keycloak-personal-api-tokens.jar [command]

              generate                  (default) print a new token: {"token": "...", "key": "..."}
              --get-key <token>         print the key of an existing token: {"token": "...", "key": "..."}
              --credential --name <name> [--expires <2027-01-31 | 2027-01-31T12:00:00Z>] [--scopes a,b] [--disabled]
                           [--roles reader,orders-api/read] [--allowed-ips 10.0.0.0/8,192.0.2.7]
                                        print a new token and its credential JSON for a realm import file
                                        (users[].credentials[]); a date alone means "valid through that day, UTC";
                                        --roles: realm roles by name, client roles as <clientId>/<role>;
                                        --allowed-ips: addresses or CIDR ranges the token may be used from
              --help                    this text

            Exit codes: 0 done, 2 bad usage, or a malformed token or one whose secret is plainly not random.
            """;

    /** What the CLI prints: a token and its key, and with {@code --credential} its credential for a realm import. */
    public record Printed(String token, String key, @OmitWhenNull StoredCredential.Imported credential) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Instant now;

    TokenCli(PrintStream out, PrintStream err, Instant now) {
        this.out = out;
        this.err = err;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    public static void main(String[] args) {
        System.exit(new TokenCli(System.out, System.err, Instant.now()).run(args));
    }

    int run(String... args) {
        try {
            return dispatch(List.of(args));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        }
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty() || args.equals(List.of("generate"))) {
            print(ApiToken.generate());
            return 0;
        }
        switch (args.get(0)) {
            case "--help", "-h" -> {
                requireCount(args, 1);
                out.print(USAGE);
                return 0;
            }
            case "--get-key" -> {
                requireCount(args, 2);
                ApiToken token = ApiToken.parse(args.get(1).trim()).orElse(null);
                if (token == null) {
                    err.println("error: not a well-formed personal API token (prefix, length or checksum is wrong)");
                    return USAGE_ERROR;
                }
                String flaw = token.secretFlaw().orElse(null);
                if (flaw != null) {
                    // the key is wanted to provision the token, and every server path refuses such a value
                    err.println("error: the token's secret is not random (" + flaw + "); make tokens with this CLI's generate");
                    return USAGE_ERROR;
                }
                print(token);
                return 0;
            }
            case "--credential" -> {
                return credential(args.subList(1, args.size()));
            }
            default -> throw new UsageException("unknown option " + args.get(0));
        }
    }

    private int credential(List<String> options) {
        String name = null;
        Instant expiresAt = null;
        List<String> scopes = List.of();
        boolean disabled = false;
        RoleChoice roles = null;
        List<String> allowedIps = List.of();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--name" -> name = value(options, ++i, option);
                case "--expires" -> expiresAt = expiry(value(options, ++i, option));
                case "--scopes" -> scopes = Arrays.stream(value(options, ++i, option).split(","))
                        .map(String::trim).filter(scope -> !scope.isEmpty()).distinct().toList();
                case "--disabled" -> disabled = true;
                case "--roles" -> roles = roles(value(options, ++i, option));
                case "--allowed-ips" -> allowedIps = allowedIps(value(options, ++i, option));
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (name == null) {
            throw new UsageException("--credential needs --name");
        }
        name = validName(name);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new UsageException("--expires must be in the future");
        }
        ApiToken token = ApiToken.generate();
        out.println(JsonText.write(new Printed(token.value(), token.key(),
                CredentialJson.of(token, name, expiresAt, scopes, disabled, now, roles, allowedIps))));
        return 0;
    }

    /** {@code reader,orders-api/read}: a name alone is a realm role, {@code <clientId>/<role>} a client's role. */
    private static RoleChoice roles(String list) {
        List<String> realm = new ArrayList<>();
        Map<String, List<String>> clients = new TreeMap<>();
        for (String label : items(list)) {
            int slash = label.lastIndexOf('/');
            if (slash == 0 || slash == label.length() - 1) {
                throw new UsageException("--roles takes role names and <clientId>/<role>, separated by commas");
            }
            if (slash < 0) {
                realm.add(label);
            } else {
                clients.computeIfAbsent(label.substring(0, slash), client -> new ArrayList<>()).add(label.substring(slash + 1));
            }
        }
        return new RoleChoice(realm, clients);
    }

    private static List<String> allowedIps(String list) {
        try {
            return IpAllowlist.parse(items(list)).texts();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--allowed-ips: " + e.getMessage().replace("allowedIps must be", "takes"));
        }
    }

    private static List<String> items(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(item -> !item.isEmpty()).distinct().toList();
    }

    private static String validName(String raw) {
        try {
            return TokenName.valid(raw);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    private static Instant expiry(String text) {
        return Expiry.parse(text).orElseThrow(() -> new UsageException("--expires takes " + Expiry.FORMS + ", not " + text));
    }

    private void print(ApiToken token) {
        out.println(JsonText.write(new Printed(token.value(), token.key(), null)));
    }

    private static String value(List<String> options, int index, String option) {
        if (index >= options.size() || options.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return options.get(index);
    }

    private static void requireCount(List<String> args, int count) {
        if (args.size() != count) {
            throw new UsageException(args.get(0) + (count == 1 ? " takes no value" : " takes exactly one value"));
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
