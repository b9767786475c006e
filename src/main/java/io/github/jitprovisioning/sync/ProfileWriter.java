package io.github.jitprovisioning.sync;

import io.github.jitprovisioning.core.sync.FieldChange;
import io.github.jitprovisioning.core.sync.ProfileSyncPlan;
import io.github.jitprovisioning.core.sync.SyncMapping;
import io.github.jitprovisioning.core.sync.SyncSkip;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.Attributes;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.validator.ImmutableAttributeValidator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a plan against the realm's user profile and writes what passes through the user model.
 *
 * <p>An IdP writes only what the user could write: an attribute whose user-profile permissions do not let users
 * edit it (read-only for users, admin-only, or without permissions) is skipped ({@code read_only_attribute}),
 * unless the mapper lists it among its write-protected attributes (an explicit opt-in, e.g. for a
 * {@code department} that users must not change themselves but the IdP is the source of). An attribute that the
 * profile does not declare follows the realm's unmanaged attribute policy the same way: Enabled lets users edit,
 * Admin can edit and Admin can view do not, and with unmanaged attributes disabled it is skipped
 * ({@code unmanaged_attribute}) whatever the opt-in says.
 *
 * <p>Every changed attribute is then validated on its own with the validators of the realm's user profile, in the
 * administrator's context ({@code USER_API}), with the proposed values in place: a value that the profile rejects
 * (length, pattern, required, duplicate email, ...) is skipped, the others are written.
 */
final class ProfileWriter {

    /** The user-profile permission role of the user themselves (Keycloak's {@code UPConfigUtils.ROLE_USER}). */
    private static final String USER_ROLE = "user";

    private ProfileWriter() {
    }

    /** @return the plan as written: the changes that passed, the others moved to the skips */
    static ProfileSyncPlan write(KeycloakSession session, UserModel user, ProfileSyncPlan plan,
                                 Set<String> writeProtected) {
        ProfileSyncPlan checked = check(session, user, plan, writeProtected);
        for (FieldChange change : checked.changes()) {
            switch (change.attribute()) {
                case SyncMapping.FIRST_NAME -> user.setFirstName(change.firstValue());
                case SyncMapping.LAST_NAME -> user.setLastName(change.firstValue());
                case SyncMapping.EMAIL -> {
                    user.setEmail(change.firstValue());
                    user.setEmailVerified(checked.emailVerified());
                }
                default -> {
                    if (change.clears()) {
                        user.removeAttribute(change.attribute());
                    } else {
                        user.setAttribute(change.attribute(), change.after());
                    }
                }
            }
        }
        return checked;
    }

    static ProfileSyncPlan check(KeycloakSession session, UserModel user, ProfileSyncPlan plan,
                                 Set<String> writeProtected) {
        if (plan.changes().isEmpty()) {
            return plan;
        }
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        ProfileSyncPlan checked = plan;
        for (FieldChange change : plan.changes()) {
            String name = change.attribute();
            UPAttribute declared = config.getAttribute(name);
            if (declared == null && config.getUnmanagedAttributePolicy() == null) {
                checked = checked.skipping(name, SyncSkip.Cause.UNMANAGED_ATTRIBUTE,
                        "not in the realm's user profile, and unmanaged attributes are disabled");
            } else if (!writeProtected.contains(name) && !usersMayEdit(declared, config)) {
                checked = checked.skipping(name, SyncSkip.Cause.READ_ONLY_ATTRIBUTE, (declared == null
                        ? "the realm's unmanaged attribute policy (" + config.getUnmanagedAttributePolicy() + ")"
                        : "the realm's user profile") + " does not let users edit it; list it in the mapper's '"
                        + SyncConfig.WRITE_PROTECTED + "' to sync it anyway");
            }
        }
        if (checked.changes().isEmpty()) {
            return checked;
        }

        Map<String, List<String>> proposed = new HashMap<>(user.getAttributes());
        checked.changes().forEach(change -> proposed.put(change.attribute(), change.after()));
        Attributes attributes = profiles.create(UserProfileContext.USER_API, proposed, user).getAttributes();
        for (FieldChange change : new ArrayList<>(checked.changes())) {
            Set<String> errors = new LinkedHashSet<>();
            attributes.validate(change.attribute(), error -> {
                if (!ImmutableAttributeValidator.ID.equals(error.getValidatorId())) {
                    errors.add(error.getMessage());
                }
            });
            if (!errors.isEmpty()) {
                checked = checked.skipping(change.attribute(), SyncSkip.Cause.REJECTED_BY_USER_PROFILE,
                        String.join(",", errors));
            }
        }
        return checked;
    }

    /** Whether the user profile lets users edit the attribute themselves ({@code user} in its edit permissions). */
    static boolean usersMayEdit(UPAttribute declared, UPConfig config) {
        if (declared == null) {
            return config.getUnmanagedAttributePolicy() == UPConfig.UnmanagedAttributePolicy.ENABLED;
        }
        UPAttributePermissions permissions = declared.getPermissions();
        return permissions != null && permissions.getEdit() != null
                && permissions.getEdit().contains(USER_ROLE);
    }
}
