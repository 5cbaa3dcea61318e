package io.github.kcpat.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.github.kcpat.token.ApiToken;
import org.junit.jupiter.api.Test;

/** Which values of a token work after rotations with and without an overlap. */
class RotationOverlapTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final ApiToken first = ApiToken.generate();
    private final ApiTokenCredentialModel created = ApiTokenCredentialModel.create(first, "ci",
            new TokenData(List.of(), TokenState.ACTIVE, null, NOW, null), NOW);

    @Test
    void withoutAnOverlapOnlyTheNewValueWorks() {
        ApiToken second = ApiToken.withKey(first.key());
        ApiTokenCredentialModel rotated = created.withSecretOf(second, null, NOW);
        assertTrue(rotated.isSecretOf(second));
        assertFalse(rotated.isSecretOf(first));
        assertFalse(rotated.isPreviousSecretOf(first, NOW));
        assertFalse(rotated.getSecretData().contains("previousHash"));
    }

    @Test
    void duringAnOverlapBothWorkUntilItEnds() {
        ApiToken second = ApiToken.withKey(first.key());
        ApiTokenCredentialModel rotated = created.withSecretOf(second, NOW.plusSeconds(600), NOW);
        assertTrue(rotated.isSecretOf(second));
        assertTrue(rotated.isPreviousSecretOf(first, NOW.plusSeconds(599)));
        assertFalse(rotated.isPreviousSecretOf(first, NOW.plusSeconds(600)), "the overlap ends at its instant");
        assertFalse(rotated.isPreviousSecretOf(second, NOW), "the current value is no previous one");
        assertEquals(NOW.plusSeconds(600), rotated.data().previousSecret().expiresAt());
    }

    @Test
    void rotatingAgainEndsTheOlderOverlapAtOnce() {
        ApiToken second = ApiToken.withKey(first.key());
        ApiToken third = ApiToken.withKey(first.key());
        ApiTokenCredentialModel twice = created.withSecretOf(second, NOW.plusSeconds(600), NOW)
                .withSecretOf(third, NOW.plusSeconds(900), NOW.plusSeconds(60));
        assertTrue(twice.isSecretOf(third));
        assertTrue(twice.isPreviousSecretOf(second, NOW.plusSeconds(61)));
        assertFalse(twice.isPreviousSecretOf(first, NOW.plusSeconds(61)), "at most two values work");
        assertFalse(twice.isSecretOf(first));
    }

    @Test
    void disablingDropsThePreviousValueForGood() {
        ApiToken second = ApiToken.withKey(first.key());
        ApiTokenCredentialModel rotated = created.withSecretOf(second, NOW.plusSeconds(600), NOW);
        ApiTokenCredentialModel disabled = rotated.with(rotated.data().withState(TokenState.DISABLED, NOW));
        ApiTokenCredentialModel active = disabled.with(disabled.data().withState(TokenState.ACTIVE, NOW));
        assertFalse(active.isPreviousSecretOf(first, NOW.plusSeconds(1)));
        assertFalse(active.getSecretData().contains("previousHash"), "the hash itself is gone");
        assertNull(active.data().previousSecret());
        assertTrue(active.isSecretOf(second));
    }
}
