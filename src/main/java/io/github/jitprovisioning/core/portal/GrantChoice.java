package io.github.jitprovisioning.core.portal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an organization admin's choice of default roles and groups against what they may hand out: only entries
 * offered to them (the realm's allow-list, filtered of administrative roles and groups, plus the organization's own
 * groups). Anything else is refused as a whole, so that a refused request changes nothing.
 *
 * @param roles   the chosen roles, trimmed, duplicates dropped, order kept
 * @param groups  the chosen groups, likewise
 * @param refused the entries that may not be chosen; empty when the choice is valid
 */
public record GrantChoice(List<String> roles, List<String> groups, List<String> refused) {

    public GrantChoice {
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        refused = List.copyOf(refused);
    }

    public boolean valid() {
        return refused.isEmpty();
    }

    /**
     * @param requestedRoles  what the admin asked for ({@code null} entries are refused)
     * @param offeredRoles    what the portal offers them
     * @param requestedGroups what the admin asked for
     * @param offeredGroups   what the portal offers them
     */
    public static GrantChoice check(List<String> requestedRoles, Set<String> offeredRoles,
                                    List<String> requestedGroups, Set<String> offeredGroups) {
        List<String> refused = new ArrayList<>();
        List<String> roles = pick(requestedRoles, offeredRoles, "role ", refused);
        List<String> groups = pick(requestedGroups, offeredGroups, "group ", refused);
        return new GrantChoice(roles, groups, refused);
    }

    private static List<String> pick(List<String> requested, Set<String> offered, String kind, List<String> refused) {
        Set<String> picked = new LinkedHashSet<>();
        for (String entry : requested) {
            String trimmed = entry == null ? "" : entry.trim();
            if (trimmed.isEmpty() || !offered.contains(trimmed)) {
                refused.add(kind + "'" + trimmed + "'");
            } else {
                picked.add(trimmed);
            }
        }
        return List.copyOf(picked);
    }
}
