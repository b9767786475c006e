package io.github.jitprovisioning.core.portal;

import static io.github.jitprovisioning.core.portal.PortalAccess.Intent.CHANGE;
import static io.github.jitprovisioning.core.portal.PortalAccess.Intent.READ;
import static io.github.jitprovisioning.core.portal.PortalAccess.Verdict.FORBIDDEN;
import static io.github.jitprovisioning.core.portal.PortalAccess.Verdict.ORGANIZATION_ADMIN;
import static io.github.jitprovisioning.core.portal.PortalAccess.Verdict.REALM_MANAGER;
import static io.github.jitprovisioning.core.portal.PortalAccess.Verdict.REALM_VIEWER;
import static io.github.jitprovisioning.core.portal.PortalAccess.Verdict.SETUP_LINK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalAccessTest {

    private static PortalAccess.Caller user(boolean manage, boolean view, boolean member, boolean inAdminGroup) {
        return new PortalAccess.Caller(null, manage, view, member, inAdminGroup);
    }

    @Test
    void organizationAdminReadsAndChangesTheirOrganization() {
        assertThat(PortalAccess.decide(user(false, false, true, true), "acme", READ)).isEqualTo(ORGANIZATION_ADMIN);
        assertThat(PortalAccess.decide(user(false, false, true, true), "acme", CHANGE)).isEqualTo(ORGANIZATION_ADMIN);
    }

    @Test
    void memberWithoutTheAdminGroupIsForbidden() {
        assertThat(PortalAccess.decide(user(false, false, true, false), "acme", READ)).isEqualTo(FORBIDDEN);
        assertThat(PortalAccess.decide(user(false, false, true, false), "acme", CHANGE)).isEqualTo(FORBIDDEN);
    }

    @Test
    void adminGroupWithoutMembershipIsForbidden() {
        assertThat(PortalAccess.decide(user(false, false, false, true), "acme", READ)).isEqualTo(FORBIDDEN);
    }

    @Test
    void realmManagerMayDoAnythingRealmViewerOnlyRead() {
        assertThat(PortalAccess.decide(user(true, false, false, false), "globex", CHANGE)).isEqualTo(REALM_MANAGER);
        assertThat(PortalAccess.decide(user(false, true, false, false), "globex", READ)).isEqualTo(REALM_VIEWER);
        assertThat(PortalAccess.decide(user(false, true, false, false), "globex", CHANGE)).isEqualTo(FORBIDDEN);
    }

    @Test
    void organizationAdminWhoIsAlsoRealmViewerChangesOnlyTheirOwnOrganization() {
        assertThat(PortalAccess.decide(user(false, true, true, true), "acme", CHANGE)).isEqualTo(ORGANIZATION_ADMIN);
        assertThat(PortalAccess.decide(user(false, true, false, false), "globex", CHANGE)).isEqualTo(FORBIDDEN);
    }

    @Test
    void setupLinkSessionOpensItsOwnOrganizationOnly() {
        assertThat(PortalAccess.decide(PortalAccess.Caller.link("acme"), "acme", CHANGE)).isEqualTo(SETUP_LINK);
        assertThat(PortalAccess.decide(PortalAccess.Caller.link("acme"), "globex", READ)).isEqualTo(FORBIDDEN);
    }

    @Test
    void missingOrganizationIdIsForbidden() {
        assertThat(PortalAccess.decide(user(true, true, true, true), null, READ)).isEqualTo(FORBIDDEN);
        assertThat(PortalAccess.decide(user(true, true, true, true), " ", READ)).isEqualTo(FORBIDDEN);
    }

    @Test
    void theLastAdminCannotBeRemoved() {
        assertThat(PortalAccess.mayRemoveAdmin(1, true)).isFalse();
        assertThat(PortalAccess.mayRemoveAdmin(2, true)).isTrue();
        assertThat(PortalAccess.mayRemoveAdmin(2, false)).isFalse();
    }
}
