package io.github.kcpat.it.support;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertForwardAuthRefused;
import static io.github.kcpat.it.support.ApiAssertions.assertInactive;
import static io.github.kcpat.it.support.ApiAssertions.assertInvalidGrant;

/**
 * The five doors, each called as a token's holder calls it ({@link Doors}), and the answer each gives a refusal;
 * forward-auth twice, with the APIToken header and with the token as the Basic password of its owner's name.
 */
public enum Door {
    EXCHANGE, RFC8693, FORWARD_AUTH, FORWARD_AUTH_BASIC, DIRECT_GRANT, VERIFY;

    /** Uses {@code token} of {@code username} (the username of the Direct Grant and of Basic) here. */
    public HttpResult call(Doors doors, String username, String token) {
        return switch (this) {
            case EXCHANGE -> doors.exchange(token);
            case RFC8693 -> doors.tokenExchange(DemoClient.API_GATEWAY, token);
            case FORWARD_AUTH -> doors.forwardAuth(token);
            case FORWARD_AUTH_BASIC -> doors.forwardAuthBasic(username, token);
            case DIRECT_GRANT -> doors.directGrant(username, token);
            case VERIFY -> doors.verify(DemoClient.OTHER_SERVICE, token);
        };
    }

    /** The same answer for every reason of refusal, as this door's clients expect it. */
    public void assertRefused(HttpResult result) {
        switch (this) {
            case EXCHANGE -> ApiAssertions.assertRefused(result);
            case RFC8693 -> assertError(result, 400, "invalid_request");
            case FORWARD_AUTH, FORWARD_AUTH_BASIC -> assertForwardAuthRefused(result);
            case DIRECT_GRANT -> assertInvalidGrant(result);
            case VERIFY -> assertInactive(result);
        }
    }
}
