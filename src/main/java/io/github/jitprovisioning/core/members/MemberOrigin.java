package io.github.jitprovisioning.core.members;

import java.util.Locale;

/** How a member came into the organization, as the Members section and the admin API show it. */
public enum MemberOrigin {
    /** Created and made a member by JIT on a first SSO login. */
    PROVISIONED,
    /** Admitted by an invitation (JIT's invitation rule or Keycloak's own invitation link). */
    INVITED,
    /** An existing account linked to the organization's IdP and made a member at that login. */
    LINKED,
    /** Made a member by an administrator (admin console, admin REST API). */
    ADDED,
    /** A member from before the recording existed (an upgrade), not seen since. */
    UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin stored as {@code code}; {@link #UNKNOWN} for anything else (a row written by a later version). */
    public static MemberOrigin of(String code) {
        if (code != null) {
            for (MemberOrigin origin : values()) {
                if (origin.code().equals(code)) {
                    return origin;
                }
            }
        }
        return UNKNOWN;
    }
}
