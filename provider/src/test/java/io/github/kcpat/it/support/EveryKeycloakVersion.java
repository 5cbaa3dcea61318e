package io.github.kcpat.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An IT class of the compatibility smoke set: besides the main execution on the default distribution, it runs in the
 * failsafe execution of each other Keycloak version of the matrix ({@code provider/pom.xml}), which picks these classes
 * by their tag and points {@code keycloak.home} at that version's distribution.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("every-keycloak-version")
@ExtendWith(KeycloakExtension.class)
public @interface EveryKeycloakVersion {
}
