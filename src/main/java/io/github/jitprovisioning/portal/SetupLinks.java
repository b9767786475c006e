package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.PortalToken;
import io.github.jitprovisioning.core.portal.SetupLink;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The setup links of an organization, stored in its attributes (only hashes; see {@link SetupLink}), so they are
 * in the database, survive restarts and are the same on every node. A link is used once: the first open writes
 * {@code jit.portal-link-used.<id>} and claims the link in the cluster-wide single-use store, so that two nodes
 * opening the same link at the same moment cannot both win.
 */
public final class SetupLinks {

    static final String USED_PREFIX = "jit.portal-link-used.";
    private static final String CLAIM_PREFIX = "jit-portal-link-claim.";
    /** Expired links are dropped from the attributes this long after they expired. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(7);

    /** A new link: the stored part and the one-time secret for the URL. */
    public record Created(SetupLink link, String urlToken) {
    }

    /** The outcome of opening a link ({@code DISABLED}: its organization is disabled, the link stays unused). */
    enum Opened { OPENED, USED, EXPIRED, INVALID, DISABLED }

    private SetupLinks() {
    }

    public static Created create(OrganizationModel organization, Duration lifetime, String createdBy, Instant now) {
        String id = PortalToken.generate();
        String secret = PortalToken.generate();
        SetupLink link = SetupLink.create(id, secret, now, lifetime, createdBy);
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        prune(attributes, now);
        attributes.put(link.attributeName(), List.of(link.attributeValue()));
        organization.setAttributes(attributes);
        return new Created(link, id + "." + secret);
    }

    public static List<SetupLink> list(OrganizationModel organization) {
        List<SetupLink> links = new ArrayList<>();
        organization.getAttributes().forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                SetupLink.parse(name, values.get(0)).ifPresent(links::add);
            }
        });
        links.sort(Comparator.comparing(SetupLink::createdAt).reversed());
        return links;
    }

    public static Optional<SetupLink> find(OrganizationModel organization, String linkId) {
        if (!PortalToken.isWellFormed(linkId)) {
            return Optional.empty();
        }
        List<String> values = organization.getAttributes().get(SetupLink.ATTRIBUTE_PREFIX + linkId);
        return values == null || values.isEmpty() ? Optional.empty()
                : SetupLink.parse(SetupLink.ATTRIBUTE_PREFIX + linkId, values.get(0));
    }

    public static boolean used(OrganizationModel organization, String linkId) {
        List<String> used = organization.getAttributes().get(USED_PREFIX + linkId);
        return used != null && !used.isEmpty();
    }

    public static boolean revoke(OrganizationModel organization, String linkId) {
        if (find(organization, linkId).isEmpty()) {
            return false;
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.remove(SetupLink.ATTRIBUTE_PREFIX + linkId);
        attributes.remove(USED_PREFIX + linkId);
        organization.setAttributes(attributes);
        return true;
    }

    /**
     * Judges {@code <id>.<secret>} without using it: {@code OPENED} when it would open now; {@code DISABLED} when it
     * would but its organization is disabled (so that only the holder of a valid link learns that).
     */
    static Opened judge(OrganizationModel organization, String urlToken, Instant now) {
        int dot = urlToken == null ? -1 : urlToken.indexOf('.');
        if (organization == null || dot < 0) {
            return Opened.INVALID;
        }
        Optional<SetupLink> link = find(organization, urlToken.substring(0, dot));
        if (link.isEmpty() || !link.get().opensWith(urlToken.substring(dot + 1))) {
            return Opened.INVALID;
        }
        if (used(organization, link.get().id())) {
            return Opened.USED;
        }
        if (!now.isBefore(link.get().expiresAt())) {
            return Opened.EXPIRED;
        }
        return organization.isEnabled() ? Opened.OPENED : Opened.DISABLED;
    }

    /** Opens {@code <id>.<secret>}: claims the link when it is valid, unused, not expired and its organization enabled. */
    static Opened open(KeycloakSession session, OrganizationModel organization, String urlToken, Instant now) {
        Opened judged = judge(organization, urlToken, now);
        if (judged != Opened.OPENED) {
            return judged;
        }
        Optional<SetupLink> link = find(organization, urlToken.substring(0, urlToken.indexOf('.')));
        long claimSeconds = Math.max(60, link.get().expiresAt().getEpochSecond() - now.getEpochSecond() + 86400);
        if (!session.singleUseObjects().putIfAbsent(CLAIM_PREFIX + link.get().id(), claimSeconds)) {
            return Opened.USED;
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(USED_PREFIX + link.get().id(), List.of(Long.toString(now.getEpochSecond())));
        organization.setAttributes(attributes);
        return Opened.OPENED;
    }

    private static void prune(Map<String, List<String>> attributes, Instant now) {
        List<String> expired = new ArrayList<>();
        attributes.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                SetupLink.parse(name, values.get(0))
                        .filter(link -> link.expiresAt().plus(KEEP_EXPIRED).isBefore(now))
                        .ifPresent(link -> expired.add(link.id()));
            }
        });
        expired.forEach(id -> {
            attributes.remove(SetupLink.ATTRIBUTE_PREFIX + id);
            attributes.remove(USED_PREFIX + id);
        });
    }
}
