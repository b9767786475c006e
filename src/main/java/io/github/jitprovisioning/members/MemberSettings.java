package io.github.jitprovisioning.members;

import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.members.InactivityRule;
import io.github.jitprovisioning.core.members.MemberOptions;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.JitStepSettings;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.Map;

/**
 * What the members' rules read for one organization: the realm options of the JIT check step that applies to it
 * ({@link JitStepSettings#organizationConfig}) and the organization's inactivity rule (its attributes).
 */
public record MemberSettings(MemberOptions options, InactivityRule.Bounds bounds, InactivityRule rule, String adminGroupName) {

    public static MemberSettings of(RealmModel realm, OrganizationModel organization) {
        Map<String, String> config = JitStepSettings.organizationConfig(realm, organization);
        ConfigLog log = new ConfigLog(realm.getName());
        InactivityRule.Bounds bounds = InactivityRule.Bounds.fromConfig(config, log);
        return new MemberSettings(MemberOptions.fromConfig(config, log), bounds,
                InactivityRule.fromAttributes(organization.getAttributes(), bounds, "organization " + organization.getAlias(), log),
                PortalOptions.adminGroup(config));
    }

    /** The organization's portal admin group, or null where it has none. */
    public GroupModel adminGroup(KeycloakSession session, OrganizationModel organization) {
        return KeycloakCompat.findOrganizationTopLevelGroup(session, organization, adminGroupName);
    }
}
