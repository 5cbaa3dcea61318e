package io.github.kcpat.credential;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.token.JsonText;
import io.github.kcpat.token.StoredCredential;

/**
 * A {@link TokenFilter} as a JPQL condition over {@code c} (CredentialEntity) and {@code u} (its user), reading the
 * credential data as text. That works, in portable JPQL on H2 and PostgreSQL alike, because we write that JSON
 * ourselves ({@link StoredCredential.Data} through {@link JsonText}): compact, fields in a fixed order, instants as
 * {@code Instant.toString()} to the second ({@code 2027-01-01T00:00:00Z}, whose first 19 characters sort as text).
 * <p>
 * Why a pattern such as {@code "state":"ACTIVE"} can only match the field: inside a JSON string every {@code "} is
 * escaped as {@code \"}, so {@code ":"} (quote, colon, quote) never occurs within a string; field names are unique and
 * case-sensitive ({@code "lastUsedAt"} is not {@code "previousSecretLastUsedAt"}).
 * <p>
 * A scope, or a realm role, is found in its array's text wrapped in commas, as {@code ,"name",}; that is exact for every
 * name without {@code , " \ ]} (an opening quote after a comma, then a name that cannot end a string early). A client's
 * role is not exact (a role's name may hold any character, so no text search bounds the client's array: a match
 * could spill into the next client's), nor is a name with those characters: then {@link #exact()} is false, the
 * condition is a cheap superset (for a client's role: its key and the role's name somewhere in the data), and the
 * caller confirms each row with {@link TokenFilter#matches} — by its roles alone when that is all
 * ({@link #roleOnlyToConfirm()}) — before paging.
 */
public final class FilterSql {

    static final String DATA = "c.credentialData";
    private static final String EXPIRES = "'\"expiresAt\":\"'";
    private static final String LAST_USED = "'\"lastUsedAt\":\"'";
    static final String HAS_EXPIRY = "locate(" + EXPIRES + ", " + DATA + ") > 0";
    static final String HAS_LAST_USE = "locate(" + LAST_USED + ", " + DATA + ") > 0";
    /** The stored expiry's first 19 characters (to the second), or null when the token never expires. */
    static final String EXPIRY_TEXT = "case when " + HAS_EXPIRY + " then substring(" + DATA + ", locate(" + EXPIRES + ", "
            + DATA + ") + 13, 19) else null end";
    static final String LAST_USED_TEXT = "case when " + HAS_LAST_USE + " then substring(" + DATA + ", locate(" + LAST_USED
            + ", " + DATA + ") + 14, 19) else null end";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private boolean exact = true;
    private boolean roleOnlyToConfirm;

    /** {@code now}: whole seconds, as the caller confirms rows at the same instant. */
    public FilterSql(TokenFilter filter, String userId, TokenPolicy policy, Instant now) {
        if (userId != null) {
            conditions.add("u.id = " + parameter(userId));
        }
        if (filter.search() != null) {
            // usernames are stored lower-case by Keycloak
            String term = parameter("%" + literal(filter.search()) + "%");
            conditions.add("(lower(c.userLabel) like " + term + " escape '\\' or u.username like " + term + " escape '\\')");
        }
        if (filter.neverUsed() != null) {
            conditions.add(filter.neverUsed() ? "not (" + HAS_LAST_USE + ")" : HAS_LAST_USE);
        }
        if (filter.unusedDays() != null) {
            Instant before = now.minus(Duration.ofDays(filter.unusedDays()));
            conditions.add("((" + HAS_LAST_USE + " and " + LAST_USED_TEXT + " < " + parameter(SECONDS.format(before)) + ")"
                    + " or (not (" + HAS_LAST_USE + ") and c.createdDate < " + parameter(before.toEpochMilli()) + "))");
        }
        if (filter.expired() != null) {
            String expired = expiresBy(now, policy);
            conditions.add(filter.expired() ? expired : "not " + expired);
        }
        if (filter.expiringWithinDays() != null) {
            conditions.add("not " + expiresBy(now, policy));
            conditions.add(expiresBy(now.plus(Duration.ofDays(filter.expiringWithinDays())), policy));
        }
        if (filter.state() != null) {
            conditions.add(contains("\"state\":\"" + filter.state().name() + "\""));
        }
        if (filter.disabledBy() != null) {
            conditions.add(disabledBy(filter.disabledBy()));
        }
        if (filter.ownerDisabled() != null) {
            conditions.add("u.enabled = " + (filter.ownerDisabled() ? "false" : "true"));
        }
        if (filter.scope() != null) {
            conditions.add(inArray("locate('\"scopes\":[', " + DATA + ")", 10, "'],\"state\":\"'", filter.scope()));
        }
        if (filter.role() != null) {
            conditions.add(role(filter.role()));
        }
    }

    /** The condition, to follow {@code where …} with {@code and}; empty when nothing narrows. */
    public String conditions() {
        return conditions.stream().map(condition -> " and " + condition).reduce("", String::concat);
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    /** False when the condition may hold for tokens the filter does not match (see the class comment). */
    boolean exact() {
        return exact;
    }

    /** True when the client's role is all that is not exact: a row is confirmed by its roles alone. */
    boolean roleOnlyToConfirm() {
        return roleOnlyToConfirm;
    }

    /**
     * The effective expiry (stored, capped at creation + the policy's lifetime; without a stored one the cap applies
     * only when the policy requires an expiry) is at or before {@code at}. Never SQL's unknown, so it may be negated.
     */
    private String expiresBy(Instant at, TokenPolicy policy) {
        String stored = "(" + HAS_EXPIRY + " and " + EXPIRY_TEXT + " <= " + parameter(SECONDS.format(at)) + ")";
        if (policy.maxLifetimeDays() <= 0) {
            return stored;
        }
        String capped = "(c.createdDate is not null and c.createdDate <= "
                + parameter(at.toEpochMilli() - policy.maxLifetimeDays() * DAY_MILLIS) + ")";
        return policy.expiryRequired()
                ? "(" + stored + " or " + capped + ")"
                : "(" + stored + " or (" + HAS_EXPIRY + " and " + capped + "))";
    }

    /**
     * Read as {@code StoredJson} reads it: the idle task's disabling is stored as the owner's marked
     * {@code "disabledIdle":true}; else format 2's {@code disabledBy} names who (an unknown name reads as an admin's);
     * format 1 only flagged an admin's, and an owner's disabling went unrecorded.
     */
    private String disabledBy(DisabledBy who) {
        String disabled = contains("\"state\":\"DISABLED\"");
        String idle = "(" + contains("\"disabledIdle\":true") + " or " + contains("\"disabledBy\":\"idle\"") + ")";
        String named = contains("\"disabledBy\":\"");
        String byOwner = contains("\"disabledBy\":\"owner\"");
        String flagged = contains("\"disabledByAdmin\":true");
        return switch (who) {
            case IDLE -> "(" + disabled + " and " + idle + ")";
            case OWNER -> "(" + disabled + " and not " + idle + " and (" + byOwner + " or (not " + named + " and not "
                    + flagged + ")))";
            case ADMIN -> "(" + disabled + " and not " + idle + " and ((" + named + " and not " + byOwner + ") or (not "
                    + named + " and " + flagged + ")))";
        };
    }

    private String role(TokenFilter.RoleName role) {
        String roles = "locate('\"roles\":{\"realm\":[', " + DATA + ")";
        if (role.client() == null) {
            return inArray(roles, 18, "'],\"clients\":{'", role.role());
        }
        // a superset, as cheap as SQL text search gets: the client's key and the role's name both somewhere in the data
        roleOnlyToConfirm = exact;
        exact = false;
        return holds(parameter(JsonText.write(role.client()) + ":[")) + " and " + holds(parameter(JsonText.write(role.role())));
    }

    /**
     * {@code name} is an element of the array whose text starts {@code offset} characters after {@code start} (a
     * JPQL position) and ends before the first {@code end} (a JPQL string literal) after it.
     */
    private String inArray(String start, int offset, String end, String name) {
        String element = JsonText.write(name);
        if (element.substring(1, element.length() - 1).matches(".*[,\"\\\\\\]].*")) {
            exact = false;
        }
        String endAt = "locate(" + end + ", " + DATA + ", " + start + ")";
        String content = "substring(" + DATA + ", " + start + " + " + offset + ", " + endAt + " - " + start + " - " + offset + ")";
        // the case keeps substring from a negative length where the array is missing: SQL need not evaluate "and" in order
        return "(case when " + start + " > 0 and " + endAt + " > 0 then locate(" + parameter("," + element + ",")
                + ", concat(',', " + content + ", ',')) else 0 end) > 0";
    }

    private static String contains(String text) {
        return "locate('" + text.replace("'", "''") + "', " + DATA + ") > 0";
    }

    /** The data holds the text bound to {@code parameter} (a {@code :name}). */
    private static String holds(String parameter) {
        return "locate(" + parameter + ", " + DATA + ") > 0";
    }

    private String parameter(Object value) {
        String name = "f" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    /** A search term matches itself only: % and _ are not wildcards here. */
    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
