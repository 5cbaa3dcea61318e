package io.github.kcpat.it.hooks;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code PUT …/log/level {"category": "org.hibernate.SQL", "level": "DEBUG"}}: a log category's level while the server
 * runs, as {@code --log-level=<category>:<level>} sets it at start. Levels: DEBUG, INFO (what the test servers start
 * with), WARN.
 */
public final class LogHook {

    private static final Map<String, Level> LEVELS = Map.of("DEBUG", Level.FINE, "INFO", Level.INFO, "WARN", Level.WARNING);

    @PUT
    @Path("level")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setLevel(Map<String, Object> body) {
        Object category = body == null ? null : body.get("category");
        Object level = body == null ? null : body.get("level");
        if (!(category instanceof String name) || name.isBlank() || !(level instanceof String value) || !LEVELS.containsKey(value)) {
            return TestHooksResource.error(Response.Status.BAD_REQUEST, "invalid_request",
                    "Send {\"category\": <logger name>, \"level\": \"DEBUG\" | \"INFO\" | \"WARN\"}");
        }
        Logger.getLogger(name).setLevel(LEVELS.get(value));
        return Response.ok(Map.of("category", name, "level", value)).build();
    }
}
