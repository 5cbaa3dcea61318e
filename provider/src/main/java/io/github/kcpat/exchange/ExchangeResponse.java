package io.github.kcpat.exchange;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.keycloak.representations.AccessTokenResponse;

/** The APIToken exchange's answer, as an OAuth token endpoint writes it ({@code scope} may be null). */
record ExchangeResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        String scope) {

    static ExchangeResponse of(AccessTokenResponse minted) {
        return new ExchangeResponse(minted.getToken(), "Bearer", minted.getExpiresIn(), minted.getScope());
    }
}
