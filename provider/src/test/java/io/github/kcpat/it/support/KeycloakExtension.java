package io.github.kcpat.it.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts {@link KeycloakServer} once for every IT class of the JVM and closes it when the root
 * context closes. Test constructors and methods receive {@link KeycloakServer} and {@link DemoRealm}.
 */
public final class KeycloakExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        realm(context, server(context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).assertRunning();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == DemoRealm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KeycloakServer server = server(context);
        return parameter.getParameter().getType() == KeycloakServer.class ? server : realm(context, server);
    }

    private static KeycloakServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeycloakServer.class, type -> KeycloakServer.shared(), KeycloakServer.class);
    }

    private static DemoRealm realm(ExtensionContext context, KeycloakServer server) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DemoRealm.class, type -> DemoRealm.setUp(server, Path.of(System.getProperty("demo.realm"))), DemoRealm.class);
    }
}
