package io.github.kcpat.exchange;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.RoleModel;

/**
 * A client-session context whose roles are the ones a token may carry: Keycloak's role mappers (realm roles, client
 * roles, audience) read {@code getRolesStream()}, so limiting it limits every role claim of the JWT. A proxy rather
 * than a subclass, so that a method Keycloak adds to the interface in a later version still reaches the real context.
 */
final class RoleLimitedContext {

    private RoleLimitedContext() {
    }

    /**
     * {@code context} with the roles {@code limit} makes of the roles Keycloak's scope rules give it (worked out once,
     * and those only if {@code limit} asks for them).
     */
    static ClientSessionContext of(ClientSessionContext context, Function<Supplier<Set<RoleModel>>, Set<RoleModel>> limit) {
        Set<RoleModel> roles = limit.apply(() -> context.getRolesStream().collect(Collectors.toSet()));
        return (ClientSessionContext) Proxy.newProxyInstance(ClientSessionContext.class.getClassLoader(),
                new Class<?>[] {ClientSessionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getRolesStream") && method.getParameterCount() == 0) {
                        return roles.stream();
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
