package io.github.jitprovisioning.it.benchmark;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.jitprovisioning.core.decision.Decision;
import io.github.jitprovisioning.core.text.DomainPattern;
import io.github.jitprovisioning.core.text.EmailAddress;
import io.github.jitprovisioning.core.decision.JitDecider;
import io.github.jitprovisioning.core.decision.LoginFacts;
import io.github.jitprovisioning.core.decision.OrganizationDirectory;
import io.github.jitprovisioning.core.decision.OrganizationFacts;
import io.github.jitprovisioning.core.decision.PendingInvitation;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.settings.RecordingProblems;
import io.github.jitprovisioning.core.decision.RegisteredDomain;

/**
 * JMH benchmark of the pure core: decisions and email parsing per second, with an in-memory directory (no
 * database, no Keycloak). Run by {@code ./mvnw -Pbenchmark} (see {@code CoreThroughput}); not a unit test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class CoreBenchmark {

    private OrganizationDirectory directory;
    private LoginFacts provisioned;
    private LoginFacts unknown;

    @Setup
    public void organizations() {
        OrganizationFacts acme = new OrganizationFacts("acme", "acme", true,
                List.of(new RegisteredDomain("acme.test", true), new RegisteredDomain("*.acme.test", true)),
                Map.of("jit.default-roles", List.of("employee,staff"), "jit.groups", List.of("/staff")));
        // not FakeDirectory: it records every query, and millions of recorded queries would measure the GC
        directory = new OrganizationDirectory() {
            @Override
            public Optional<OrganizationFacts> linkedTo(String identityProviderAlias) {
                return "acme-sso".equals(identityProviderAlias) ? Optional.of(acme) : Optional.empty();
            }

            @Override
            public Optional<OrganizationFacts> owning(String asciiDomain) {
                return acme.domains().stream().anyMatch(d -> DomainPattern.matches(asciiDomain, d.name()))
                        ? Optional.of(acme) : Optional.empty();
            }

            @Override
            public Optional<PendingInvitation> pendingInvitation(String address, OrganizationFacts organization) {
                return Optional.empty();
            }
        };
        provisioned = new LoginFacts("acme-sso", "Jane.Doe@Mail.Acme.Test", true, false);
        unknown = new LoginFacts("acme-sso", "joe@nowhere.test", true, false);
    }

    @Benchmark
    public Decision decideProvisioned() {
        return JitDecider.decide(provisioned, RealmSettings.DEFAULTS, directory, new RecordingProblems());
    }

    @Benchmark
    public Decision decideUnknownDomain() {
        return JitDecider.decide(unknown, RealmSettings.DEFAULTS, directory, new RecordingProblems());
    }

    @Benchmark
    public Optional<EmailAddress> parseEmail() {
        return EmailAddress.parse("Jane.Doe@Mail.Acme.Test");
    }

    @Benchmark
    public Optional<EmailAddress> parseInternationalEmail() {
        return EmailAddress.parse("jörg@bücher.example");
    }
}
