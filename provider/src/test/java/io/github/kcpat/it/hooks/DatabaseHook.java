package io.github.kcpat.it.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * {@code POST …/database/backup}: H2's online backup of the server's database ({@code BACKUP TO}, consistent while the
 * server runs) into {@code data/backup/keycloakdb.zip} of the server's home. A test server of its own starts from it
 * instead of creating the master realm and importing the demo realm again (about 10 s of CPU a start).
 */
public final class DatabaseHook {

    private final KeycloakSession session;

    DatabaseHook(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @jakarta.ws.rs.Path("backup")
    @Produces(MediaType.APPLICATION_JSON)
    public Response backup() throws IOException {
        Path file = Path.of(System.getProperty("kc.home.dir"), "data", "backup", "keycloakdb.zip").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            session.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNativeQuery("BACKUP TO '" + file.toString().replace("'", "''") + "'")
                    .executeUpdate();
        } catch (PersistenceException e) {
            return TestHooksResource.error(Response.Status.CONFLICT, "unsupported", "Only H2 databases are backed up here");
        }
        return Response.ok(Map.of("file", file.toString())).build();
    }
}
