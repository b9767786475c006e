package io.github.jitprovisioning.domains;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock of domain verification and the names of its TXT records, per realm: the system's time plus the realm's
 * test offset ({@value DomainVerificationService#TEST_CLOCK_ATTRIBUTE}, read only when the server runs with
 * {@code test-clock}), and the record name prefix ({@value DomainVerificationService#PREFIX_ATTRIBUTE}, else the SPI
 * option {@code record-prefix}).
 */
final class DomainClock {

    private static final Logger LOG = Logger.getLogger(DomainVerificationService.class);

    private final DomainVerificationConfig config;

    DomainClock(DomainVerificationConfig config) {
        this.config = config;
    }

    /** The clock: the system's, plus the realm's test offset when the server runs with {@code test-clock}. */
    Instant now(RealmModel realm) {
        return Instant.now().plus(offset(realm));
    }

    /** The realm's test offset: zero unless the server runs with {@code test-clock} and the realm sets one. */
    Duration offset(RealmModel realm) {
        if (config.testClock()) {
            String offset = realm.getAttribute(DomainVerificationService.TEST_CLOCK_ATTRIBUTE);
            if (offset != null && !offset.isBlank()) {
                try {
                    return Duration.ofSeconds(Long.parseLong(offset.strip()));
                } catch (NumberFormatException e) {
                    LOG.warnf("realm %s: %s is not a number of seconds", realm.getName(),
                            DomainVerificationService.TEST_CLOCK_ATTRIBUTE);
                }
            }
        }
        return Duration.ZERO;
    }

    /** The realm's record name prefix. */
    String prefix(RealmModel realm) {
        String prefix = realm.getAttribute(DomainVerificationService.PREFIX_ATTRIBUTE);
        return prefix == null || prefix.isBlank() ? config.recordPrefix() : prefix.strip();
    }
}
