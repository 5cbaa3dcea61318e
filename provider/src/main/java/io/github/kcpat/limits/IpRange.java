package io.github.kcpat.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of an allowlist: an IPv4 or IPv6 address, or a CIDR range, kept normalised (host bits zero, a single
 * address without its prefix). Parsing never asks DNS: only literal addresses are accepted.
 */
public record IpRange(byte[] network, int prefix) {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The range {@code text} names ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7}), or empty. */
    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        Optional<byte[]> address = address(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
        }
        return Optional.of(new IpRange(masked(address.get(), prefix), prefix));
    }

    /**
     * The bytes of a literal address (4 for IPv4, 16 for IPv6; an IPv4-mapped IPv6 address counts as IPv4), or empty.
     * Brackets and an IPv6 zone ({@code %eth0}) are dropped.
     */
    public static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.indexOf(':') < 0) {
            return ipv4(literal);
        }
        // only a string with ':' reaches InetAddress, which then parses it as an IPv6 literal, never resolves it
        if (!IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Dotted decimal, four parts of 0–255 without leading zeros; parsed by hand: every door reads its caller's. */
    private static Optional<byte[]> ipv4(String literal) {
        byte[] address = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= literal.length(); i++) {
            char c = i < literal.length() ? literal.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return Optional.empty();
                }
                address[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9' && value != 0) {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(address) : Optional.empty();
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && java.util.Arrays.equals(masked(address, prefix), network);
    }

    /** {@code 10.0.0.0/8}; a single address without prefix ({@code 192.0.2.7}). */
    public String text() {
        String address;
        try {
            address = InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        if (!isIpv4()) {
            address = compressed(address);
        }
        return prefix == network.length * 8 ? address : address + "/" + prefix;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    /** Java writes IPv6 in full ({@code 2001:db8:0:0:0:0:0:0}); RFC 5952 shortens the longest run of zeros to "::". */
    private static String compressed(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < groups.length; start++) {
            int length = 0;
            while (start + length < groups.length && groups[start + length].equals("0")) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && prefix == range.prefix && java.util.Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text();
    }
}
