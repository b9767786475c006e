package io.github.jitprovisioning.core.settings;

import java.util.List;
import java.util.Optional;

/**
 * The realm-wide allow-list: what organization attributes ({@code jit.default-roles}, {@code jit.groups}, the
 * realm's fallback roles) and the self-service portal may grant. An empty list sets no limit. The organization's
 * own groups are never limited by it; administrative roles and groups are refused whatever it says (the adapter
 * checks those, it needs Keycloak's role model).
 *
 * <p>Roles are compared as written, the way {@code jit.default-roles} names them ({@code employee},
 * {@code clientId.roleName}), case-sensitive like Keycloak's role names. Groups are compared by their full realm
 * path ({@code /Customers/Acme}; a leading {@code /} is added and a trailing one dropped before comparing); an
 * entry that ends in {@code /*} allows every group below that path, not the group itself.
 *
 * <p>The self-service portal's admin group (an organization group, {@value PortalOptions#ADMIN_GROUP}) is never
 * joined by JIT, whatever the allow-list says: its members administer the organization in the portal.
 *
 * @param grantableRoles   {@value RealmSettings#GRANTABLE_ROLES}, empty for no limit
 * @param grantableGroups  {@value RealmSettings#GRANTABLE_GROUPS}, empty for no limit
 * @param portalAdminGroup the name of the organization group that makes its members portal admins
 */
public record GrantPolicy(List<String> grantableRoles, List<String> grantableGroups, String portalAdminGroup) {

    /** No allow-list: every role and group that exists and is not administrative may be granted. */
    public static final GrantPolicy NO_LIMIT = new GrantPolicy(List.of(), List.of());

    private static final String SUBTREE = "/*";

    public GrantPolicy {
        grantableRoles = grantableRoles == null ? List.of() : List.copyOf(grantableRoles);
        grantableGroups = grantableGroups == null ? List.of() : List.copyOf(grantableGroups);
        portalAdminGroup = portalAdminGroup == null || portalAdminGroup.isBlank() ? PortalOptions.DEFAULT_ADMIN_GROUP
                : portalAdminGroup;
    }

    /** The allow-list with the portal's default admin group. */
    public GrantPolicy(List<String> grantableRoles, List<String> grantableGroups) {
        this(grantableRoles, grantableGroups, PortalOptions.DEFAULT_ADMIN_GROUP);
    }

    /** The warning for the portal's admin group named in {@code jit.groups}: never joined at provisioning. */
    public String portalAdminGroupRefusal(String name) {
        return "group '" + name + "' is the self-service portal's admin group (" + PortalOptions.ADMIN_GROUP
                + ") and is never joined by JIT";
    }

    public boolean limitsRoles() {
        return !grantableRoles.isEmpty();
    }

    public boolean limitsGroups() {
        return !grantableGroups.isEmpty();
    }

    /** Whether a role, named as in {@code jit.default-roles}, may be granted. */
    public boolean allowsRole(String reference) {
        return !limitsRoles() || (reference != null && grantableRoles.contains(reference.trim()));
    }

    /**
     * Whether a realm group may be joined.
     *
     * @param path the group's full realm path, e.g. {@code /Customers/Acme}
     */
    public boolean allowsGroup(String path) {
        if (!limitsGroups()) {
            return true;
        }
        if (path == null || path.isBlank()) {
            return false;
        }
        String group = normalize(path);
        for (String entry : grantableGroups) {
            if (entry.endsWith(SUBTREE)) {
                String parent = normalize(entry.substring(0, entry.length() - SUBTREE.length()));
                if (group.startsWith(parent.equals("/") ? "/" : parent + "/") && !group.equals(parent)) {
                    return true;
                }
            } else if (normalize(entry).equals(group)) {
                return true;
            }
        }
        return false;
    }

    /** The warning for a role outside the allow-list, or empty when it may be granted. */
    public Optional<String> roleRefusal(String reference) {
        return allowsRole(reference) ? Optional.empty() : Optional.of("role '" + reference
                + "' is not one of the realm's grantable roles (" + RealmSettings.GRANTABLE_ROLES + ") and is never granted by JIT");
    }

    /** The warning for a realm group outside the allow-list, or empty when it may be joined. */
    public Optional<String> groupRefusal(String name, String path) {
        return allowsGroup(path) ? Optional.empty() : Optional.of("group '" + name
                + "' is not one of the realm's grantable groups (" + RealmSettings.GRANTABLE_GROUPS + ") and is never joined by JIT");
    }

    static String normalize(String path) {
        String trimmed = path.trim();
        String withSlash = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        return withSlash.length() > 1 && withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1)
                : withSlash;
    }
}
