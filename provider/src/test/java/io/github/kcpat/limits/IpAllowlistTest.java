package io.github.kcpat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class IpAllowlistTest {

    @Test
    void entriesAreNormalised() {
        assertEquals(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "::1", "192.0.2.0/24"),
                IpAllowlist.parse(List.of(" 10.1.2.3/8 ", "192.0.2.7/32", "2001:DB8:0:0:1::/32", "0:0:0:0:0:0:0:1",
                        "192.0.2.9/24", "10.0.0.0/8")).texts());
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4Address() {
        assertEquals(List.of("192.0.2.7"), IpAllowlist.parse(List.of("::ffff:192.0.2.7")).texts());
        assertTrue(IpAllowlist.parse(List.of("192.0.2.0/24")).allows("::ffff:192.0.2.99"));
    }

    @Test
    void onlyLiteralAddressesAndRangesAreAccepted() {
        for (String bad : List.of("", " ", "localhost", "example.com", "10.0.0.256", "10.0.0", "10.0.0.0/33", "10.0.0.0/",
                "/8", "10.0.0.0/-1", "10.0.0.0/8/8", "2001:db8::/129", "2001:db8::g", "01.2.3.4", "1.2.3.4 5", "[::1]/64x",
                "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.4.5", "1.2.3.-4", "+1.2.3.4", "1.2.3.00", "1.2.3.0x1")) {
            assertThrows(IllegalArgumentException.class, () -> IpAllowlist.parse(List.of(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> IpAllowlist.parse(Collections.singletonList(null)));
    }

    @Test
    void atMost32DistinctEntries() {
        List<String> many = IntStream.range(0, 33).mapToObj(i -> "10.0.0." + i).toList();
        assertThrows(IllegalArgumentException.class, () -> IpAllowlist.parse(many));
        assertEquals(32, IpAllowlist.parse(many.subList(0, 32)).ranges().size());
        assertEquals(1, IpAllowlist.parse(Collections.nCopies(40, "10.0.0.1")).ranges().size());
    }

    @Test
    void aUseIsAllowedOnlyFromInsideARange() {
        IpAllowlist list = IpAllowlist.parse(List.of("127.0.0.2", "10.0.0.0/8", "2001:db8::/32"));
        assertTrue(list.allows("127.0.0.2"));
        assertFalse(list.allows("127.0.0.3"));
        assertTrue(list.allows("10.255.0.1"));
        assertFalse(list.allows("11.0.0.1"));
        assertTrue(list.allows("2001:db8:ffff::1"));
        assertTrue(list.allows("[2001:db8::1%eth0]"));
        assertFalse(list.allows("2001:db9::1"));
        assertFalse(list.allows(null));
        assertFalse(list.allows("unknown"));
        assertFalse(list.allows("localhost"));
        assertTrue(IpAllowlist.parse(List.of("0.0.0.0/0")).allows("255.255.255.255"));
        assertTrue(IpAllowlist.parse(List.of("10.0.0.0/8")).allows("10.0.0.0"));
    }

    @Test
    void anEmptyListAllowsEveryAddress() {
        assertTrue(IpAllowlist.ANYWHERE.allows("198.51.100.1"));
        assertTrue(IpAllowlist.parse(List.of()).isAnywhere());
    }

    @Test
    void anUnreadableStoredListAllowsNothingAndKeepsItsText() {
        IpAllowlist broken = IpAllowlist.stored(List.of("10.0.0.0/8", "not an address"));
        assertFalse(broken.allows("10.0.0.1"));
        assertFalse(broken.isAnywhere());
        assertEquals(List.of("10.0.0.0/8", "not an address"), broken.texts());
    }

    @Test
    void theWidestRangeIsFoundPerFamily() {
        IpAllowlist list = IpAllowlist.parse(List.of("10.0.0.0/16", "2001:db8::/48"));
        assertTrue(list.widerThan(16, 48).isEmpty());
        assertEquals("10.0.0.0/16", list.widerThan(24, 0).orElseThrow().text());
        assertEquals("2001:db8::/48", list.widerThan(0, 64).orElseThrow().text());
    }
}
