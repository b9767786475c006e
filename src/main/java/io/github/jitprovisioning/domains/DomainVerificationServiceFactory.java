package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.ConfusableDomains;
import io.github.jitprovisioning.core.domains.PublicSuffixList;
import io.github.jitprovisioning.core.domains.TxtCheck;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import io.github.jitprovisioning.provisioning.Version;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code default} provider of {@value DomainVerificationSpi#NAME}. Holds only immutable configuration (the
 * SPI options and the bundled Public Suffix List); schedules the cluster-aware background check after Keycloak's
 * migration and forgets the claims of removed organizations.
 */
public final class DomainVerificationServiceFactory implements ProviderFactory<DomainVerificationService>,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";
    static final String TASK_NAME = "jit-domain-recheck";
    private static final Logger LOG = Logger.getLogger(DomainVerificationServiceFactory.class);

    private DomainVerificationConfig config;
    private PublicSuffixList suffixes;
    private ConfusableDomains confusables;
    private UdpDnsTransport dns;
    private ManualCheckGate manualChecks;

    @Override
    public DomainVerificationService create(KeycloakSession session) {
        return new DomainVerificationService(session, config, suffixes, confusables, dns, manualChecks);
    }

    @Override
    public void init(Config.Scope scope) {
        config = DomainVerificationConfig.read(scope);
        manualChecks = new ManualCheckGate(config.verifyNowConcurrency());
        suffixes = PublicSuffixList.bundled();
        confusables = ConfusableDomains.bundled();
        dns = new UdpDnsTransport(config.dnsServers(), config.dnsTimeout(), config.dnsAttempts(),
                config.dnsRandomizeCase());
        LOG.infof("JIT domain verification: DNS servers %s, timeout %d ms, %d attempt(s), %d public suffix rules%s",
                config.dnsServers(), config.dnsTimeout().toMillis(), config.dnsAttempts(), suffixes.size(),
                config.testClock() ? ", TEST CLOCK ENABLED (never in production)" : "");
        if (suffixes.staleOn(LocalDate.now(ZoneOffset.UTC))) {
            LOG.warnf("JIT domain verification: the bundled Public Suffix List is %s, older than %s: suffixes "
                    + "registered since can be claimed as if they were a company's domain. Use a newer release of "
                    + "this extension.", suffixes.date().map(d -> "of " + d).orElse("without a date"),
                    PublicSuffixList.STALE_AFTER.getYears() + " year");
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent && config.backgroundChecks()) {
                long interval = config.checkInterval().toMillis();
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ClusterAwareScheduledTaskRunner(factory, new DomainRecheckTask(factory), interval),
                                interval, TASK_NAME));
            } else if (KeycloakCompat.ORGANIZATION_REMOVED_EVENT) {
                // the event type exists from Keycloak 26.6: never name it on an older one (NoClassDefFoundError)
                OrganizationRemovals.forgetClaims(event);
            }
        });
    }

    /** One DNS check, outside any session and transaction. */
    TxtCheck.Result check(DueChecks.DueCheck due) {
        return TxtCheck.check(dns, due.recordName(), due.token());
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("dns-servers").type("string")
                .helpText("DNS servers, host[:port] separated by commas (default: the nameservers of /etc/resolv.conf)").add()
                .property().name("dns-timeout").type("int").defaultValue(3000)
                .helpText("Timeout of one DNS query in milliseconds").add()
                .property().name("dns-attempts").type("int").defaultValue(2)
                .helpText("Rounds over the DNS servers before a check is an error").add()
                .property().name("dns-randomize-case").type("boolean").defaultValue(true)
                .helpText("Randomise the case of query names (0x20) and ignore answers that do not repeat it; turn off only for a resolver that does not preserve the case of the question").add()
                .property().name("verify-now-concurrency").type("int").defaultValue(4)
                .helpText("\"Verify now\" requests of this node that may wait on the DNS at once (each holds a database connection meanwhile); more are answered 503 verify-busy at once").add()
                .property().name("record-prefix").type("string").defaultValue(DomainVerificationConfig.DEFAULT_PREFIX)
                .helpText("Name prefix of the TXT record (a realm attribute jit.domain-record-prefix overrides it)").add()
                .property().name("check-interval").type("int").defaultValue(60)
                .helpText("Seconds between two runs of the background check (every node runs it; a due domain is checked by one)").add()
                .property().name("pending-interval").type("int").defaultValue(600)
                .helpText("Seconds between two background checks of a pending domain").add()
                .property().name("verified-interval").type("int").defaultValue(86400)
                .helpText("Seconds between two background checks of a verified domain").add()
                .property().name("check-batch").type("int").defaultValue(200)
                .helpText("Domains checked at most per run of the background check").add()
                .property().name("background-checks").type("boolean").defaultValue(true)
                .helpText("Run the background check on this node").add()
                .property().name("test-clock").type("boolean").defaultValue(false)
                .helpText("TESTS ONLY: honour the realm attribute jit.test-clock-offset-seconds").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(Version.operationalInfo());
        info.put("dnsServers", String.valueOf(config.dnsServers()));
        info.put("publicSuffixRules", String.valueOf(suffixes.size()));
        info.put("publicSuffixListDate", suffixes.date().map(LocalDate::toString).orElse("unknown"));
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
