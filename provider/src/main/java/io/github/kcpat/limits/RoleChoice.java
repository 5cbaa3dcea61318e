package io.github.kcpat.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Roles named the way a JWT's {@code realm_access} / {@code resource_access} names them: realm role names, and role
 * names per client id. A token's chosen roles, the roles a user may choose, and the policy's forbidden roles all take
 * this shape. Names are kept sorted and unique, so two equal choices are equal records and write the same JSON.
 */
public record RoleChoice(List<String> realm, Map<String, List<String>> clients) {

    public static final RoleChoice NONE = new RoleChoice(List.of(), Map.of());

    public RoleChoice {
        realm = realm == null ? List.of() : List.copyOf(new TreeSet<>(realm));
        Map<String, List<String>> sorted = new TreeMap<>();
        if (clients != null) {
            clients.forEach((client, roles) -> {
                List<String> names = roles == null ? List.of() : List.copyOf(new TreeSet<>(roles));
                if (!names.isEmpty()) {
                    sorted.put(client, names);
                }
            });
        }
        clients = java.util.Collections.unmodifiableMap(sorted);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return realm.isEmpty() && clients.isEmpty();
    }

    public int size() {
        return realm.size() + clients.values().stream().mapToInt(List::size).sum();
    }

    /** Each role as {@code name} (realm) or {@code clientId/name}, for messages and the CLI. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(realm);
        clients.forEach((client, roles) -> roles.forEach(role -> labels.add(client + "/" + role)));
        return labels;
    }
}
