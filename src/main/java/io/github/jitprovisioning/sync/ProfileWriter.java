package io.github.jitprovisioning.sync;

import io.github.jitprovisioning.core.FieldChange;
import io.github.jitprovisioning.core.ProfileSyncPlan;
import io.github.jitprovisioning.core.SyncMapping;
import io.github.jitprovisioning.core.SyncSkip;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
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
 * <p>Every changed attribute is validated on its own with the validators of the realm's user profile, in the
 * administrator's context ({@code USER_API}), with the proposed values in place: a value that the profile rejects
 * (length, pattern, required, duplicate email, ...) is skipped, the others are written. Read-only is not a reason to
 * skip: sync writes through the model, like Keycloak's own attribute importers, so attributes that the profile
 * declares read-only for users (or even for administrators) stay writable by sync. An attribute that the profile
 * does not declare is written only when the realm's unmanaged attribute policy keeps unmanaged attributes
 * (Enabled, Admin can edit, Admin can view); with unmanaged attributes disabled it is skipped.
 */
final class ProfileWriter {

    private ProfileWriter() {
    }

    /** @return the plan as written: the changes that passed, the others moved to the skips */
    static ProfileSyncPlan write(KeycloakSession session, UserModel user, ProfileSyncPlan plan) {
        ProfileSyncPlan checked = check(session, user, plan);
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

    static ProfileSyncPlan check(KeycloakSession session, UserModel user, ProfileSyncPlan plan) {
        if (plan.changes().isEmpty()) {
            return plan;
        }
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        ProfileSyncPlan checked = plan;
        for (FieldChange change : plan.changes()) {
            if (!change.attribute().equals(SyncMapping.EMAIL) && !change.attribute().equals(SyncMapping.FIRST_NAME)
                    && !change.attribute().equals(SyncMapping.LAST_NAME)
                    && config.getAttribute(change.attribute()) == null && config.getUnmanagedAttributePolicy() == null) {
                checked = checked.skipping(change.attribute(), SyncSkip.Cause.UNMANAGED_ATTRIBUTE,
                        "not in the realm's user profile, and unmanaged attributes are disabled");
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
}
