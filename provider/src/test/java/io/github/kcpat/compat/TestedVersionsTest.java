package io.github.kcpat.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestedVersionsTest {

    private final TestedVersions tested = new TestedVersions(List.of("26.4.7", "26.5.6", "26.7.0", "26.7.3"));

    @Test
    void theBuildWritesTheMatrixAndTheDefaultDistribution() {
        assertTrue(List.of("26.4.7", "26.5.6", "26.7.0", "26.7.3").stream().allMatch(TestedVersions.ofThisBuild()::includes));
        assertFalse(TestedVersions.ofThisBuild().includes("${keycloak.dist.version}"), "the resource was not filtered");
    }

    @Test
    void aTestedVersionIsSaidToBeOne() {
        assertEquals("Personal API Tokens: Keycloak 26.5.6 is one of the versions this extension is tested on"
                + " (26.4.7, 26.5.6, 26.7.0, 26.7.3)", tested.line("26.5.6"));
    }

    @Test
    void anyOtherVersionIsNamedWithTheTestedOnesAndWhereToRead() {
        for (String other : List.of("26.3.5", "26.4.0", "26.7.4", "27.0.0", "26.4.7.redhat-00001")) {
            assertFalse(tested.includes(other), other);
            assertEquals("Personal API Tokens: Keycloak " + other + " is not one of the versions this extension is tested on"
                    + " (26.4.7, 26.5.6, 26.7.0, 26.7.3); it may work, but nothing has shown that it does: see the README,"
                    + " \"Compatibility\"", tested.line(other));
        }
    }

    @Test
    void everyBridgeBuildsOnTheApiWeCompileAgainst() {
        assertNull(Bridges.missing());
        assertTrue(tested.includes("26.7.3"));
    }
}
