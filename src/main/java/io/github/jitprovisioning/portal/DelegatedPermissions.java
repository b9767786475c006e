package io.github.jitprovisioning.portal;

import jakarta.ws.rs.ForbiddenException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.OrganizationPermissionEvaluator;

import java.lang.reflect.Proxy;

/**
 * The permissions that Keycloak's own organization resources ask for, answered for a portal caller whom
 * {@link io.github.jitprovisioning.core.portal.PortalAccess} has already allowed to change exactly one organization: manage
 * and view that organization, nothing else (any other organization, or any other permission family, is refused).
 * This lets the portal send invitations through Keycloak's own code instead of a copy of it.
 */
final class DelegatedPermissions {

    private DelegatedPermissions() {
    }

    static AdminPermissionEvaluator forOrganization(OrganizationModel organization) {
        OrganizationPermissionEvaluator orgs = (OrganizationPermissionEvaluator) Proxy.newProxyInstance(
                DelegatedPermissions.class.getClassLoader(), new Class<?>[]{OrganizationPermissionEvaluator.class},
                (proxy, method, args) -> {
                    boolean allowed = args == null || args.length == 0 || args[0] instanceof OrganizationModel target
                            && organization.getId().equals(target.getId());
                    if (method.getReturnType() == boolean.class) {
                        return allowed;
                    }
                    if (method.getReturnType() == void.class) {
                        if (!allowed) {
                            throw new ForbiddenException();
                        }
                        return null;
                    }
                    return objectMethod(proxy, method.getName(), args, "organization " + organization.getId());
                });
        return (AdminPermissionEvaluator) Proxy.newProxyInstance(DelegatedPermissions.class.getClassLoader(),
                new Class<?>[]{AdminPermissionEvaluator.class}, (proxy, method, args) -> {
                    if (method.getName().equals("orgs")) {
                        return orgs;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method.getName(), args, "portal permissions");
                    }
                    throw new ForbiddenException();
                });
    }

    private static Object objectMethod(Object proxy, String name, Object[] args, String description) {
        return switch (name) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> description;
            default -> throw new ForbiddenException();
        };
    }
}
