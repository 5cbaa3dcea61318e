package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.KeycloakExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A token works only while its owner is enabled and holds the role; both changes are undone in finally blocks. */
@ExtendWith(KeycloakExtension.class)
class OwnerStateIT {

    private final DemoRealm realm;

    OwnerStateIT(DemoRealm realm) {
        this.realm = realm;
    }

    @Test
    void disabledOwnerTokensAreRefusedUntilReEnabled() {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("owner-disabled"));
        String alice = realm.userId("alice");

        realm.setUserEnabled(alice, false);
        try {
            assertRefused(realm.exchange(token.value()));
        } finally {
            realm.setUserEnabled(alice, true);
        }

        assertExchanged(realm.exchange(token.value()));
    }

    @Test
    void ownerWithoutTheRoleLosesTokensUntilTheRoleComesBack() {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("role-removed"));
        String alice = realm.userId("alice");

        realm.removeRealmRole(alice, DemoRealm.ROLE);
        try {
            assertRefused(realm.exchange(token.value()));
            assertError(realm.tokensOf("alice").list(), 403, "forbidden");
        } finally {
            realm.addRealmRole(alice, DemoRealm.ROLE);
        }

        assertExchanged(realm.exchange(token.value()));
    }
}
