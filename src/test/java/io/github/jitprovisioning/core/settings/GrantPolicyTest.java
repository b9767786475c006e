package io.github.jitprovisioning.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantPolicyTest {

    private static final GrantPolicy POLICY = new GrantPolicy(List.of("employee", "app.viewer"),
            List.of("/Customers/*", "/Staff", "Partners/"));

    @Test
    void emptyListsSetNoLimit() {
        assertThat(GrantPolicy.NO_LIMIT.limitsRoles()).isFalse();
        assertThat(GrantPolicy.NO_LIMIT.limitsGroups()).isFalse();
        assertThat(GrantPolicy.NO_LIMIT.allowsRole("anything.at.all")).isTrue();
        assertThat(GrantPolicy.NO_LIMIT.allowsGroup("/Anything")).isTrue();
        assertThat(GrantPolicy.NO_LIMIT.roleRefusal("x")).isEmpty();
    }

    @Test
    void listedRolesAreAllowedAsWrittenAndCaseSensitive() {
        assertThat(POLICY.allowsRole("employee")).isTrue();
        assertThat(POLICY.allowsRole(" app.viewer ")).isTrue();
        assertThat(POLICY.allowsRole("Employee")).isFalse();
        assertThat(POLICY.allowsRole("app.editor")).isFalse();
        assertThat(POLICY.allowsRole(null)).isFalse();
    }

    @Test
    void roleOutsideTheListHasAWarningNamingTheRealmOption() {
        assertThat(POLICY.roleRefusal("app.editor")).get().asString()
                .contains("'app.editor'").contains("jit.grantable-roles");
        assertThat(POLICY.roleRefusal("employee")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/Customers/Acme, true",
            "/Customers/Acme/Engineering, true",
            "/Customers, false",
            "/CustomersX/Acme, false",
            "/Staff, true",
            "Staff, true",
            "/Staff/, true",
            "/Staff/Admins, false",
            "/staff, false",
            "/Partners, true",
            "/Other, false"
    })
    void groupsAreComparedByFullPathAndSlashStarAllowsTheSubtree(String path, boolean allowed) {
        assertThat(POLICY.allowsGroup(path)).isEqualTo(allowed);
    }

    @Test
    void rootSubtreeAllowsEveryGroup() {
        GrantPolicy everything = new GrantPolicy(List.of(), List.of("/*"));
        assertThat(everything.allowsGroup("/A")).isTrue();
        assertThat(everything.allowsGroup("/A/B")).isTrue();
    }

    @Test
    void blankGroupPathIsNeverAllowedByAList() {
        assertThat(POLICY.allowsGroup(" ")).isFalse();
        assertThat(POLICY.allowsGroup(null)).isFalse();
    }

    @Test
    void groupOutsideTheListHasAWarningNamingTheRealmOption() {
        assertThat(POLICY.groupRefusal("/Admins", "/Admins")).get().asString()
                .contains("'/Admins'").contains("jit.grantable-groups");
    }

    @Test
    void realmSettingsReadTheListsCommaSeparatedOrMultivalued() {
        RealmSettings settings = RealmSettings.fromConfig(Map.of(
                "jit.grantable-roles", "employee, app.viewer##employee",
                "jit.grantable-groups", "/Customers/*##/Staff"), ConfigProblems.IGNORE);

        assertThat(settings.grantableRoles()).containsExactly("employee", "app.viewer");
        assertThat(settings.grantableGroups()).containsExactly("/Customers/*", "/Staff");
        assertThat(settings.grantPolicy()).isEqualTo(new GrantPolicy(List.of("employee", "app.viewer"),
                List.of("/Customers/*", "/Staff")));
    }

    @Test
    void realmWithoutTheOptionsHasNoLimit() {
        assertThat(RealmSettings.fromConfig(null, ConfigProblems.IGNORE).grantPolicy()).isEqualTo(GrantPolicy.NO_LIMIT);
        assertThat(RealmSettings.DEFAULTS.grantableRoles()).isEmpty();
    }

    @Test
    void thePortalsAdminGroupComesWithTheAllowListAndIsNeverBlank() {
        assertThat(RealmSettings.fromConfig(Map.of("jit.portal-admin-group", " Staff "), ConfigProblems.IGNORE)
                .grantPolicy().portalAdminGroup()).isEqualTo("Staff");
        assertThat(RealmSettings.fromConfig(Map.of("jit.portal-admin-group", " "), ConfigProblems.IGNORE)
                .grantPolicy().portalAdminGroup()).isEqualTo("Admins");
        assertThat(GrantPolicy.NO_LIMIT.portalAdminGroup()).isEqualTo("Admins");
        assertThat(new GrantPolicy(List.of(), List.of(), null).portalAdminGroup()).isEqualTo("Admins");
        assertThat(GrantPolicy.NO_LIMIT.portalAdminGroupRefusal("Staff"))
                .isEqualTo("group 'Staff' is the self-service portal's admin group (jit.portal-admin-group) and is never joined by JIT");
    }
}
