package io.github.kcpat.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** Checks an RS256 JWT against a realm's JWKS with the JDK alone, the way a resource server would. */
public final class Jwt {

    public record Verified(JsonNode header, JsonNode claims) {
    }

    private Jwt() {
    }

    /** Returns header and claims of {@code jwt}, or throws {@link AssertionError} when its signature does not verify. */
    public static Verified verify(String jwt, JsonNode jwks) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("Not a signed JWT (" + parts.length + " parts)");
        }
        JsonNode header = decode(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new AssertionError("Expected alg RS256, got header " + header);
        }
        PublicKey key = publicKey(jwks, header.path("kid").asText());
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("JWT signature does not verify against the realm key " + header.path("kid"));
            }
        } catch (GeneralSecurityException e) {
            throw new AssertionError("Cannot verify the JWT signature", e);
        }
        return new Verified(header, decode(parts[1]));
    }

    private static PublicKey publicKey(JsonNode jwks, String kid) {
        for (JsonNode jwk : jwks.path("keys")) {
            if (kid.equals(jwk.path("kid").asText()) && "RSA".equals(jwk.path("kty").asText())) {
                try {
                    BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText()));
                    BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()));
                    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                } catch (GeneralSecurityException ex) {
                    throw new AssertionError("Bad RSA key " + kid + " in JWKS", ex);
                }
            }
        }
        throw new AssertionError("No RSA key with kid " + kid + " in the realm JWKS " + jwks);
    }

    private static JsonNode decode(String part) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new AssertionError("JWT part is not base64url JSON", e);
        }
    }
}
