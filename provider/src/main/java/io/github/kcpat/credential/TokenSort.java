package io.github.kcpat.credential;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

import io.github.kcpat.input.InvalidInput;

/**
 * The order of the admin list: by owner (username, then token name: the default), name, creation, expiry or last use,
 * ascending or descending. Tokens without the sorted date (never used, never expiring) come last either way; ties
 * are broken by owner, name and key, so paging never shows a token twice or skips one.
 * <p>
 * {@code expiry} sorts by the stored expiry: in SQL a date held as text cannot be capped by the policy's lifetime
 * (counted from the creation, an epoch-millisecond column) without a conversion that H2 and PostgreSQL do not share.
 * The two differ only for tokens stored with an expiry the policy no longer allows (a lifetime limit tightened after
 * them, or an import); the {@code expired} and {@code expiringWithinDays} filters follow the effective expiry.
 */
public record TokenSort(Key key, boolean descending) {

    public static final TokenSort DEFAULT = new TokenSort(Key.OWNER, false);

    public enum Key {
        OWNER("owner"), NAME("name"), CREATED("created"), EXPIRY("expiry"), LAST_USED("lastUsed");

        private final String parameter;

        Key(String parameter) {
            this.parameter = parameter;
        }
    }

    /** {@code sort} and {@code order} as the query gives them (null: the default). */
    public static TokenSort parse(String sort, String order) {
        Key key = Key.OWNER;
        if (sort != null) {
            key = java.util.Arrays.stream(Key.values()).filter(candidate -> candidate.parameter.equals(sort.trim())).findFirst()
                    .orElseThrow(() -> new InvalidInput("sort must be owner, name, created, expiry or lastUsed"));
        }
        boolean descending = false;
        if (order != null) {
            descending = switch (order.trim().toLowerCase(Locale.ROOT)) {
                case "asc" -> false;
                case "desc" -> true;
                default -> throw new InvalidInput("order must be asc or desc");
            };
        }
        return new TokenSort(key, descending);
    }

    /** The JPQL {@code order by} list over {@code c} (CredentialEntity) and {@code u} (its user). */
    String jpql() {
        String direction = descending ? " desc" : " asc";
        String byOwner = "u.username" + direction + ", c.userLabel" + direction;
        String tail = ", u.username, c.userLabel, c.id";
        return switch (key) {
            case OWNER -> byOwner + ", c.id";
            case NAME -> "c.userLabel" + direction + ", u.username" + direction + ", c.id";
            case CREATED -> "c.createdDate" + direction + " nulls last" + tail;
            case EXPIRY -> FilterSql.EXPIRY_TEXT + direction + " nulls last" + tail;
            case LAST_USED -> FilterSql.LAST_USED_TEXT + direction + " nulls last" + tail;
        };
    }

    /** The same order for one owner's tokens, sorted in Java (users of a federation without import). */
    Comparator<ApiTokenCredentialModel> comparator() {
        Comparator<ApiTokenCredentialModel> byName = Comparator.comparing(ApiTokenCredentialModel::name,
                Comparator.nullsLast(Comparator.<String>naturalOrder()));
        Comparator<ApiTokenCredentialModel> byKey = Comparator.comparing(ApiTokenCredentialModel::key);
        return switch (key) {
            case OWNER, NAME -> (descending ? byName.reversed() : byName).thenComparing(byKey);
            case CREATED -> dated(ApiTokenCredentialModel::createdAt).thenComparing(byName).thenComparing(byKey);
            case EXPIRY -> dated(token -> token.data().expiresAt()).thenComparing(byName).thenComparing(byKey);
            case LAST_USED -> dated(token -> token.data().lastUsedAt()).thenComparing(byName).thenComparing(byKey);
        };
    }

    private Comparator<ApiTokenCredentialModel> dated(Function<ApiTokenCredentialModel, Instant> date) {
        Comparator<Instant> order = descending ? Comparator.<Instant>reverseOrder() : Comparator.<Instant>naturalOrder();
        return Comparator.comparing(date, Comparator.nullsLast(order));
    }
}
