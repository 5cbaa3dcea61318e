package io.github.kcpat.compat;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** On the Keycloak the build compiles against (the record accessors); 26.4's getters are the compatibility matrix's. */
class BearerAuthTest {

    @Test
    void readsTheTokenAndLeavesAbsentPartsNull() {
        AccessToken token = new AccessToken();

        BearerAuth auth = BearerAuth.of(new AuthResult(null, null, token, null));

        assertSame(token, auth.token());
        assertNull(auth.user());
        assertNull(auth.session());
    }
}
