package io.github.jitprovisioning.core.portal;

/**
 * Who may do what in the self-service portal: one pure function from the caller's facts about one organization
 * to a verdict. The adapter gathers the facts (membership, the admin group, realm roles, the link's organization)
 * and never decides on its own.
 *
 * <ul>
 * <li>A setup-link session may read and change its own organization only.</li>
 * <li>A realm user with {@code manage-organizations} may read and change any organization; with
 * {@code view-organizations} read only.</li>
 * <li>An organization admin (a member of the organization who is also in its admin group) may read and change
 * that organization.</li>
 * <li>Everyone else: forbidden.</li>
 * </ul>
 */
public final class PortalAccess {

    /** What the caller wants to do. */
    public enum Intent { READ, CHANGE }

    /** The answer: the role the caller acts in, or forbidden. */
    public enum Verdict {
        SETUP_LINK, REALM_MANAGER, REALM_VIEWER, ORGANIZATION_ADMIN, FORBIDDEN;

        public boolean allowed() {
            return this != FORBIDDEN;
        }
    }

    /**
     * What is known about the caller.
     *
     * @param linkOrganizationId    the organization of the caller's setup-link session, or {@code null} for a user
     * @param manageOrganizations   the user holds {@code realm-management/manage-organizations}
     * @param viewOrganizations     the user holds {@code realm-management/view-organizations}
     * @param member                the user is a member of the target organization
     * @param inAdminGroup          the user is in the target organization's admin group
     */
    public record Caller(String linkOrganizationId, boolean manageOrganizations, boolean viewOrganizations,
                         boolean member, boolean inAdminGroup) {

        public static Caller link(String organizationId) {
            return new Caller(organizationId, false, false, false, false);
        }
    }

    private PortalAccess() {
    }

    public static Verdict decide(Caller caller, String organizationId, Intent intent) {
        if (organizationId == null || organizationId.isBlank()) {
            return Verdict.FORBIDDEN;
        }
        if (caller.linkOrganizationId() != null) {
            return caller.linkOrganizationId().equals(organizationId) ? Verdict.SETUP_LINK : Verdict.FORBIDDEN;
        }
        if (caller.manageOrganizations()) {
            return Verdict.REALM_MANAGER;
        }
        if (caller.member() && caller.inAdminGroup()) {
            return Verdict.ORGANIZATION_ADMIN;
        }
        if (caller.viewOrganizations() && intent == Intent.READ) {
            return Verdict.REALM_VIEWER;
        }
        return Verdict.FORBIDDEN;
    }

    /** Whether an admin may be removed: never the last one, so that the organization keeps a way in. */
    public static boolean mayRemoveAdmin(int adminCount, boolean targetIsAdmin) {
        return targetIsAdmin && adminCount > 1;
    }
}
