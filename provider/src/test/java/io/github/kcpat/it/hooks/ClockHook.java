package io.github.kcpat.it.hooks;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;

/**
 * {@code GET|PUT …/clock/offset}: Keycloak's clock offset in seconds ({@code Time.setOffset}), as its own testsuite sets
 * it. The offset is JVM-wide: a test that shifts it runs alone on that server and puts it back to 0 when done.
 */
public final class ClockHook {

    @GET
    @Path("offset")
    @Produces(MediaType.APPLICATION_JSON)
    public Response offset() {
        return current();
    }

    @PUT
    @Path("offset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setOffset(Map<String, Object> body) {
        Object seconds = body == null ? null : body.get("seconds");
        if (!(seconds instanceof Integer value)) {
            return TestHooksResource.error(Response.Status.BAD_REQUEST, "invalid_request", "Send {\"seconds\": <integer>}");
        }
        Time.setOffset(value);
        return current();
    }

    private static Response current() {
        return Response.ok(Map.of("seconds", Time.getOffset())).build();
    }
}
