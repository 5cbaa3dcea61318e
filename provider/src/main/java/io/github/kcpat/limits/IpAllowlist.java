package io.github.kcpat.limits;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where a token may be used from: any address while empty, else only from inside one of its ranges. */
public record IpAllowlist(List<IpRange> ranges, List<String> unreadable) {

    public static final int MAX_ENTRIES = 32;
    public static final IpAllowlist ANYWHERE = new IpAllowlist(List.of(), List.of());
    public static final String FORMS = "allowedIps must be an array of at most " + MAX_ENTRIES
            + " IPv4 or IPv6 addresses or CIDR ranges, such as 192.0.2.7, 10.0.0.0/8 or 2001:db8::/32";

    public IpAllowlist {
        ranges = ranges == null ? List.of() : List.copyOf(new LinkedHashSet<>(ranges));
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /**
     * The allowlist the texts name, normalised ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}) and each range once; an entry
     * that is no literal address or range, or more than {@value #MAX_ENTRIES} entries, is refused with {@link #FORMS}.
     */
    public static IpAllowlist parse(List<String> texts) {
        if (texts == null) {
            return ANYWHERE;
        }
        Set<IpRange> ranges = new LinkedHashSet<>();
        for (String text : texts) {
            ranges.add(IpRange.parse(text).orElseThrow(() -> new IllegalArgumentException(FORMS)));
        }
        if (ranges.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(FORMS);
        }
        return new IpAllowlist(new ArrayList<>(ranges), List.of());
    }

    /**
     * As {@link #parse}, for stored data: a list someone edited by hand into something unreadable allows no address at
     * all (it must never widen into "anywhere"), and keeps its texts as they are, so a later write cannot widen it either.
     */
    public static IpAllowlist stored(List<String> texts) {
        try {
            return parse(texts);
        } catch (IllegalArgumentException e) {
            return new IpAllowlist(List.of(), texts.stream().map(String::valueOf).toList());
        }
    }

    public boolean isAnywhere() {
        return ranges.isEmpty() && unreadable.isEmpty();
    }

    /** Whether a use from {@code clientAddress} (Keycloak's view of the caller) is allowed; an unreadable one is not. */
    public boolean allows(String clientAddress) {
        if (!unreadable.isEmpty()) {
            return false;
        }
        if (ranges.isEmpty()) {
            return true;
        }
        Optional<byte[]> address = IpRange.address(clientAddress);
        return address.isPresent() && ranges.stream().anyMatch(range -> range.contains(address.get()));
    }

    /** The first range wider than the minimum prefix of its family allows (IPv4 or IPv6), if any. */
    public Optional<IpRange> widerThan(int minPrefixIpv4, int minPrefixIpv6) {
        return ranges.stream()
                .filter(range -> range.prefix() < (range.isIpv4() ? minPrefixIpv4 : minPrefixIpv6))
                .findFirst();
    }

    public List<String> texts() {
        return unreadable.isEmpty() ? ranges.stream().map(IpRange::text).toList() : unreadable;
    }
}
