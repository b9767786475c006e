package io.github.jitprovisioning.provisioning;

import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Keycloak APIs this JAR uses that not every Keycloak 26 has, checked once by reflection when the class loads
 * (never by catching an error per request). The JAR is compiled against 26.7; on an older 26.x the features that
 * need a missing API degrade as {@link #logAvailability()} says at start-up, and nothing else changes:
 *
 * <ul>
 * <li>organization groups ({@code KeycloakModelUtils.findGroupByPath(session, realm, organization, path)}, added in
 * 26.6): before, a {@code jit.groups} entry can only name a realm group ({@code /path}); an entry found nowhere is a
 * missing group, as on 26.7 (the login is refused {@code missing_role_or_group});</li>
 * <li>the organization permission of the admin API ({@code AdminPermissionEvaluator.orgs()}, added in 26.6): before,
 * {@code simulate} requires {@code manage-realm}, which is what Keycloak's own organization endpoints require
 * there.</li>
 * </ul>
 */
public final class KeycloakCompat {

    private static final Logger LOG = Logger.getLogger(KeycloakCompat.class);

    /** Whether this Keycloak has groups of an organization. */
    public static final boolean ORGANIZATION_GROUPS = hasMethod(KeycloakModelUtils.class, "findGroupByPath",
            KeycloakSession.class, RealmModel.class, OrganizationModel.class, String.class);

    /** Whether this Keycloak's admin permissions know organizations ({@code view-organizations}). */
    public static final boolean ORGANIZATION_PERMISSIONS = hasMethod(AdminPermissionEvaluator.class, "orgs");

    /**
     * Whether this Keycloak has what JIT cannot do without: organization invitations
     * ({@code OrganizationProvider.getInvitationManager()}) and the nullable trust-email setting of an identity
     * provider ({@code Boolean IdentityProviderModel.isTrustEmail()}), both from 26.5. On 26.4 every first login
     * through the JIT flow would fail.
     */
    public static final boolean SUPPORTED = hasMethod(OrganizationProvider.class, "getInvitationManager")
            && hasMethod(IdentityProviderModel.class, "isTrustEmail")
            && returns(IdentityProviderModel.class, "isTrustEmail", Boolean.class);

    /** Whether Keycloak announces a removed organization ({@code OrganizationModel.OrganizationRemovedEvent}, 26.6). */
    public static final boolean ORGANIZATION_REMOVED_EVENT = hasClass("org.keycloak.models.OrganizationModel$OrganizationRemovedEvent");

    /**
     * Whether Keycloak announces members joining and leaving an organization
     * ({@code OrganizationModel.OrganizationMemberJoinEvent} and {@code ...LeaveEvent}): without them a member added
     * by an administrator shows origin {@code unknown} until seen, and a removed member's record stays until the
     * member is listed or the account removed.
     */
    public static final boolean MEMBERSHIP_EVENTS = hasClass("org.keycloak.models.OrganizationModel$OrganizationMemberJoinEvent")
            && hasClass("org.keycloak.models.OrganizationModel$OrganizationMemberLeaveEvent");

    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private KeycloakCompat() {
    }

    /** Logs once per JVM which features run degraded on this Keycloak, or nothing when all are there. */
    public static void logAvailability() {
        if (!LOGGED.compareAndSet(false, true)) {
            return;
        }
        if (!SUPPORTED) {
            LOG.errorf("JIT provisioning needs Keycloak 26.5 or later; this is Keycloak %s, which lacks organization "
                    + "invitations or the identity provider's trust-email setting as 26.5 has them: first logins through "
                    + "the JIT flow will fail here", keycloakVersion());
        }
        if (!ORGANIZATION_GROUPS) {
            LOG.warnf("JIT provisioning on Keycloak %s: this Keycloak has no organization groups (added in 26.6); "
                    + "jit.groups entries resolve to realm groups (/path) only, and the self-service portal (whose admin group is "
                    + "an organization group) answers 501", keycloakVersion());
        }
        if (!ORGANIZATION_REMOVED_EVENT) {
            LOG.warnf("JIT provisioning on Keycloak %s: this Keycloak does not announce removed organizations (added in "
                    + "26.6); the domain claims of a removed organization stay in the JIT_DOMAIN_CLAIM table, "
                    + "naming an organization that no longer exists", keycloakVersion());
        }
        if (!ORGANIZATION_PERMISSIONS) {
            LOG.warnf("JIT provisioning on Keycloak %s: this Keycloak has no organization admin permission (added in "
                    + "26.6); the simulate and domain endpoints require manage-realm instead of view-/manage-organizations", keycloakVersion());
        }
    }

    /**
     * The group at {@code path} inside {@code organization}'s own groups; null when there is none, or when this
     * Keycloak has no organization groups.
     */
    public static GroupModel findOrganizationGroup(KeycloakSession session, RealmModel realm,
                                                   OrganizationModel organization, String path) {
        if (!ORGANIZATION_GROUPS) {
            return null;
        }
        return KeycloakModelUtils.findGroupByPath(session, realm, organization, path);
    }

    /**
     * The top-level group of {@code organization} named {@code name} (how the portal finds its admin group); null when
     * there is none, or when this Keycloak has no organization groups.
     */
    public static GroupModel findOrganizationTopLevelGroup(KeycloakSession session, OrganizationModel organization,
                                                           String name) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (!ORGANIZATION_GROUPS || organization == null || organizations == null || name == null) {
            return null;
        }
        return organizations.getTopLevelGroups(organization, null, null)
                .filter(group -> name.equals(group.getName()))
                .findFirst().orElse(null);
    }

    /**
     * The organization's groups that the user is in; none where this Keycloak has no organization groups (26.5),
     * so that callers outside the portal link on every supported version.
     */
    public static java.util.stream.Stream<GroupModel> organizationGroupsOfMember(OrganizationProvider organizations,
                                                                                OrganizationModel organization,
                                                                                UserModel user) {
        return ORGANIZATION_GROUPS ? organizations.getOrganizationGroupsByMember(organization, user)
                : java.util.stream.Stream.empty();
    }

    /** Requires the permission to view organizations (manage-realm where Keycloak has no organization permission). */
    public static void requireViewOrganizations(AdminPermissionEvaluator auth) {
        if (ORGANIZATION_PERMISSIONS) {
            auth.orgs().requireView();
        } else {
            auth.realm().requireManageRealm();
        }
    }

    /** Requires the permission to manage organizations (manage-realm where Keycloak has no organization permission). */
    public static void requireManageOrganizations(AdminPermissionEvaluator auth) {
        if (ORGANIZATION_PERMISSIONS) {
            auth.orgs().requireManage();
        } else {
            auth.realm().requireManageRealm();
        }
    }

    static String keycloakVersion() {
        try {
            return org.keycloak.common.Version.VERSION;
        } catch (LinkageError e) {
            return "(unknown version)";
        }
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, KeycloakCompat.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean returns(Class<?> type, String name, Class<?> returnType) {
        try {
            return type.getMethod(name).getReturnType() == returnType;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean hasMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            type.getMethod(name, parameters);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
