package io.github.jitprovisioning.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.jitprovisioning.core.decision.ExistingAccounts.Match;
import io.github.jitprovisioning.core.settings.MissingPolicy;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.settings.RecordingProblems;
import io.github.jitprovisioning.core.settings.UnlinkedIdpMode;

class JitDeciderTest {

    private static final String ACME_IDP = "acme-oidc";
    private static final String GLOBEX_IDP = "globex-saml";
    private static final String GOOGLE = "google";

    private final RecordingProblems problems = new RecordingProblems();

    private static OrganizationFacts org(String id, List<RegisteredDomain> domains, Map<String, List<String>> attrs) {
        return new OrganizationFacts(id, id, true, domains, attrs);
    }

    private static OrganizationFacts disabled(OrganizationFacts org) {
        return new OrganizationFacts(org.id(), org.name(), false, org.domains(), org.attributes());
    }

    private static RegisteredDomain domain(String name) {
        return new RegisteredDomain(name, false);
    }

    private static RegisteredDomain verified(String name) {
        return new RegisteredDomain(name, true);
    }

    private static final OrganizationFacts ACME = org("acme", List.of(domain("acme.com")),
            Map.of("jit.default-roles", List.of("employee,app.viewer"), "jit.groups", List.of("/Acme/Staff")));
    private static final OrganizationFacts GLOBEX = org("globex", List.of(domain("*.globex.com")), Map.of());
    private static final OrganizationFacts PARTNERS = org("partners", List.of(domain("partners.io")),
            Map.of("jit.enabled", List.of("false"), "jit.default-roles", List.of("partner")));

    private static LoginFacts login(String idp, String email) {
        return new LoginFacts(idp, email, true, false);
    }

    private static LoginFacts unverified(String idp, String email) {
        return new LoginFacts(idp, email, false, false);
    }

    private static RealmSettings realm() {
        return RealmSettings.DEFAULTS;
    }

    private static RealmSettings matchByDomain() {
        return new RealmSettings(true, true, UnlinkedIdpMode.MATCH_BY_DOMAIN, false, List.of(), MissingPolicy.WARN);
    }

    private FakeDirectory standardDirectory() {
        return new FakeDirectory().link(ACME_IDP, ACME).link(GLOBEX_IDP, GLOBEX).organization(PARTNERS);
    }

    private Decision decide(LoginFacts login, RealmSettings realm, FakeDirectory directory) {
        return JitDecider.decide(login, realm, directory, problems);
    }

    private Decision decide(LoginFacts login) {
        return decide(login, realm(), standardDirectory());
    }

    @Nested
    class Rule1NotApplicable {

        @Test
        void socialLoginThroughUnlinkedIdpIsNotJitsBusiness() {
            FakeDirectory directory = standardDirectory();
            Decision decision = decide(login(GOOGLE, "joe@acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.NOT_APPLICABLE);
            assertThat(decision.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(decision.organization()).isNull();
            assertThat(decision.admits()).isFalse();
            assertThat(directory.owningLookups + directory.invitationLookups).isZero();
        }

        @Test
        void notApplicableBeatsMissingEmail() {
            assertThat(decide(login(GOOGLE, null)).reason()).isEqualTo(Reason.NOT_APPLICABLE);
        }

        @Test
        void notApplicableBeatsInvalidAndUnverifiedEmail() {
            assertThat(decide(login(GOOGLE, "joe@@acme.com")).reason()).isEqualTo(Reason.NOT_APPLICABLE);
            assertThat(decide(unverified(GOOGLE, "joe@acme.com")).reason()).isEqualTo(Reason.NOT_APPLICABLE);
        }

        @Test
        void notApplicableStillRecordsTheEmailDomainWhenItParses() {
            assertThat(decide(login(GOOGLE, "Joe@Gmail.com")).emailDomain()).isEqualTo("gmail.com");
            assertThat(decide(login(GOOGLE, "garbage")).emailDomain()).isNull();
        }

        @Test
        void unlinkedIdpInMatchByDomainModeIsJitsBusiness() {
            Decision decision = decide(login(GOOGLE, "joe@acme.com"), matchByDomain(), standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.organization()).isEqualTo(ACME);
        }
    }

    @Nested
    class Rule2MissingEmail {

        @ParameterizedTest
        @NullAndEmptySource
        void noEmailClaimIsBlocked(String email) {
            FakeDirectory directory = standardDirectory();
            Decision decision = decide(login(ACME_IDP, email), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.MISSING_EMAIL);
            assertThat(decision.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(decision.emailDomain()).isNull();
            assertThat(directory.linkedLookups).isEqualTo(1);
            assertThat(directory.owningLookups + directory.invitationLookups).isZero();
        }

        @Test
        void missingEmailNamesTheIdpsOrganization() {
            assertThat(decide(login(ACME_IDP, null)).organization()).isEqualTo(ACME);
        }

        @Test
        void missingEmailThroughSharedIdpNamesNoOrganization() {
            assertThat(decide(login(GOOGLE, null), matchByDomain(), standardDirectory()).organization()).isNull();
        }

        @Test
        void missingEmailBeatsUnverifiedEmail() {
            assertThat(decide(unverified(ACME_IDP, null)).reason()).isEqualTo(Reason.MISSING_EMAIL);
        }
    }

    @Nested
    class Rule3InvalidEmail {

        @ParameterizedTest
        @ValueSource(strings = {" ", " joe@acme.com", "joe@acme.com ", "joe", "joe@bob@acme.com", "\"joe\"@acme.com",
                "\"joe@x\"@acme.com", "joe@acme.com..", "joe\u0000@acme.com", "joe@acme"})
        void malformedEmailIsBlocked(String email) {
            FakeDirectory directory = standardDirectory();
            Decision decision = decide(login(ACME_IDP, email), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVALID_EMAIL);
            assertThat(decision.emailDomain()).isNull();
            assertThat(directory.owningLookups + directory.invitationLookups).isZero();
        }

        @Test
        void invalidEmailBeatsUnverifiedEmail() {
            assertThat(decide(unverified(ACME_IDP, "joe@@acme.com")).reason()).isEqualTo(Reason.INVALID_EMAIL);
        }

        @Test
        void invalidEmailBeatsInvitation() {
            FakeDirectory directory = standardDirectory().invite("joe@acme.com", "inv-1", ACME);
            assertThat(decide(login(ACME_IDP, " joe@acme.com"), realm(), directory).reason())
                    .isEqualTo(Reason.INVALID_EMAIL);
        }
    }

    @Nested
    class Rule4EmailNotVerified {

        @Test
        void unverifiedEmailIsBlocked() {
            FakeDirectory directory = standardDirectory();
            Decision decision = decide(unverified(ACME_IDP, "joe@acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.EMAIL_NOT_VERIFIED);
            assertThat(decision.emailDomain()).isEqualTo("acme.com");
            assertThat(decision.organization()).isEqualTo(ACME);
            assertThat(directory.owningLookups + directory.invitationLookups).isZero();
        }

        @Test
        void trustEmailOnTheIdpCountsAsVerified() {
            assertThat(decide(new LoginFacts(ACME_IDP, "joe@acme.com", false, true)).reason())
                    .isEqualTo(Reason.PROVISIONED);
        }

        @Test
        void verifiedClaimCountsAsVerified() {
            assertThat(decide(new LoginFacts(ACME_IDP, "joe@acme.com", true, false)).reason())
                    .isEqualTo(Reason.PROVISIONED);
        }

        @Test
        void realmMayWaiveVerification() {
            RealmSettings waived = new RealmSettings(false, true, UnlinkedIdpMode.IGNORE, false, List.of(),
                    MissingPolicy.WARN);
            assertThat(decide(unverified(ACME_IDP, "joe@acme.com"), waived, standardDirectory()).reason())
                    .isEqualTo(Reason.PROVISIONED);
        }

        @Test
        void unverifiedBeatsInvitation() {
            FakeDirectory directory = standardDirectory().invite("joe@contractor.net", "inv-1", ACME);
            Decision decision = decide(unverified(ACME_IDP, "joe@contractor.net"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.EMAIL_NOT_VERIFIED);
            assertThat(directory.invitationLookups).isZero();
        }
    }

    @Nested
    class Rule5Invited {

        @Test
        void invitedContractorIsAdmittedIntoTheInvitingOrganization() {
            FakeDirectory directory = standardDirectory().invite("joe@contractor.net", "inv-1", ACME);
            Decision decision = decide(login(ACME_IDP, "joe@contractor.net"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.outcome()).isEqualTo(Outcome.INVITED);
            assertThat(decision.admits()).isTrue();
            assertThat(decision.organization()).isEqualTo(ACME);
            assertThat(decision.invitationId()).isEqualTo("inv-1");
            assertThat(decision.emailDomain()).isEqualTo("contractor.net");
            assertThat(decision.roles()).containsExactly("employee", "app.viewer");
            assertThat(decision.groups()).containsExactly("/Acme/Staff");
            assertThat(decision.mailboxProofRequired()).as("a domain that no organization owns").isTrue();
            assertThat(directory.owningLookups).isEqualTo(1);
        }

        @Test
        void invitationForAnAddressOfTheInvitingOrganizationsOwnDomainNeedsNoMailboxProof() {
            FakeDirectory directory = standardDirectory().link("partners-idp", PARTNERS)
                    .invite("joe@partners.io", "inv-1", PARTNERS);
            Decision decision = decide(login("partners-idp", "joe@partners.io"), realm(), directory);
            assertThat(decision.reason()).as("admitted whatever rule 9 (JIT off) would say").isEqualTo(Reason.INVITED);
            assertThat(decision.mailboxProofRequired()).isFalse();
        }

        @Test
        void invitationForAnAddressOfAnUnverifiedOwnDomainIsStillTheInvitingOrganizationsOwn() {
            RealmSettings verifiedOnly = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, true, List.of(),
                    MissingPolicy.WARN);
            FakeDirectory directory = standardDirectory().invite("joe@acme.com", "inv-1", ACME);
            Decision decision = decide(login(ACME_IDP, "joe@acme.com"), verifiedOnly, directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.mailboxProofRequired()).isFalse();
        }

        @Test
        void invitationNeverAdmitsAnAddressOfAnotherOrganizationsDomain() {
            // Acme's admin invites the CEO of Globex, whose domain Globex registered (*.globex.com, not verified)
            FakeDirectory directory = standardDirectory().invite("ceo@eu.globex.com", "inv-ceo", ACME);
            Decision decision = decide(login(ACME_IDP, "ceo@eu.globex.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_OF_ANOTHER_ORGANIZATION);
            assertThat(decision.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(decision.admits()).isFalse();
            assertThat(decision.organization()).as("the inviting organization, never the other one").isEqualTo(ACME);
            assertThat(decision.invitationId()).as("nothing redeemed").isNull();
            assertThat(decision.emailDomain()).isEqualTo("eu.globex.com");
            assertThat(decision.roles()).isEmpty();
        }

        @Test
        void anotherOrganizationsDomainCountsVerifiedOrNotAndWhateverTheRealmRequires() {
            OrganizationFacts verifiedGlobex = org("globex", List.of(verified("globex.com")), Map.of());
            for (boolean requireVerifiedDomain : new boolean[] {false, true}) {
                RealmSettings realm = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, requireVerifiedDomain,
                        List.of(), MissingPolicy.WARN);
                for (OrganizationFacts globex : List.of(verifiedGlobex, org("globex", List.of(domain("globex.com")), Map.of()))) {
                    FakeDirectory directory = new FakeDirectory().link(ACME_IDP, ACME).link(GLOBEX_IDP, globex)
                            .invite("ceo@globex.com", "inv-ceo", ACME);
                    assertThat(decide(login(ACME_IDP, "ceo@globex.com"), realm, directory).reason())
                            .as("require verified domain %s, %s", requireVerifiedDomain, globex.domains())
                            .isEqualTo(Reason.DOMAIN_OF_ANOTHER_ORGANIZATION);
                }
            }
        }

        @Test
        void anotherOrganizationsDomainIsRefusedAlsoWhenThatOrganizationIsDisabledOrHasJitOff() {
            FakeDirectory directory = new FakeDirectory().link(ACME_IDP, ACME).organization(disabled(PARTNERS))
                    .invite("joe@partners.io", "inv-1", ACME);
            assertThat(decide(login(ACME_IDP, "joe@partners.io"), realm(), directory).reason())
                    .isEqualTo(Reason.DOMAIN_OF_ANOTHER_ORGANIZATION);
        }

        @Test
        void aSubdomainOfAnotherOrganizationsExactDomainIsNobodysAndNeedsTheMailboxProof() {
            FakeDirectory directory = standardDirectory().invite("joe@ext.partners.io", "inv-1", ACME);
            Decision decision = decide(login(ACME_IDP, "joe@ext.partners.io"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.mailboxProofRequired()).isTrue();
        }

        @Test
        void anOwnerAnswerThatNoDomainConfirmsIsNobodys() {
            FakeDirectory directory = standardDirectory().claimOwner(GLOBEX).invite("joe@contractor.net", "inv-1", ACME);
            Decision decision = decide(login(ACME_IDP, "joe@contractor.net"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.mailboxProofRequired()).isTrue();
        }

        @Test
        void portalRefusesExactlyTheInvitationsThatRuleFiveRefusesForAnotherOrganizationsDomain() {
            FakeDirectory directory = standardDirectory();
            assertThat(JitDecider.domainOfAnotherOrganization("ceo@globex.com", "acme", directory)).isTrue();
            assertThat(JitDecider.domainOfAnotherOrganization("ceo@eu.globex.com", "acme", directory)).isTrue();
            assertThat(JitDecider.domainOfAnotherOrganization("joe@partners.io", "acme", directory)).isTrue();
            assertThat(JitDecider.domainOfAnotherOrganization("joe@acme.com", "acme", directory)).isFalse();
            assertThat(JitDecider.domainOfAnotherOrganization("joe@ext.partners.io", "acme", directory)).isFalse();
            assertThat(JitDecider.domainOfAnotherOrganization("joe@gmail.com", "acme", directory)).isFalse();
            assertThat(JitDecider.domainOfAnotherOrganization("not an address", "acme", directory)).isFalse();
        }

        @Test
        void invitationIsLookedUpByTheLowerCasedAddress() {
            FakeDirectory directory = standardDirectory().invite("joe.smith@contractor.net", "inv-1", ACME);
            Decision decision = decide(login(ACME_IDP, "Joe.Smith@CONTRACTOR.net"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(directory.invitationQueries).containsExactly("joe.smith@contractor.net");
        }

        @Test
        void invitationBeatsJitDisabled() {
            FakeDirectory directory = standardDirectory().invite("joe@partners.io", "inv-2", PARTNERS);
            Decision decision = decide(login(GOOGLE, "joe@partners.io"), matchByDomain(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.roles()).containsExactly("partner");
        }

        @Test
        void invitationBeatsUnregisteredDomainThroughTheInvitingOrganizationsIdp() {
            FakeDirectory directory = standardDirectory().invite("joe@gmail.com", "inv-3", ACME);
            Decision decision = decide(login(ACME_IDP, "joe@gmail.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.organization()).isEqualTo(ACME);
        }

        @Test
        void anotherOrganizationsInvitationIsNeverSearchedThroughThisOrganizationsIdp() {
            FakeDirectory directory = standardDirectory().invite("joe@acme.com", "inv-3", ACME);
            Decision decision = decide(login(GLOBEX_IDP, "joe@acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.IDP_NOT_LINKED);
            assertThat(decision.invitationId()).isNull();
            assertThat(directory.invitationOrganizations).containsOnly("globex");
        }

        @Test
        void anotherOrganizationsInvitationForAnUnregisteredDomainDoesNotAdmit() {
            FakeDirectory directory = standardDirectory().invite("joe@gmail.com", "inv-3", ACME);
            assertThat(decide(login(GLOBEX_IDP, "joe@gmail.com"), realm(), directory).reason())
                    .isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
        }

        @Test
        void anotherOrganizationsInvitationDoesNotAdmitEvenWithoutTheLinkRequirement() {
            RealmSettings noLink = new RealmSettings(true, false, UnlinkedIdpMode.IGNORE, false, List.of(),
                    MissingPolicy.WARN);
            FakeDirectory directory = standardDirectory().invite("joe@partners.io", "inv-3", PARTNERS);
            assertThat(decide(login(GLOBEX_IDP, "joe@partners.io"), noLink, directory).reason())
                    .isEqualTo(Reason.JIT_DISABLED);
        }

        @Test
        void sharedIdpUnderMatchByDomainFindsTheInvitationOfTheDomainsOrganization() {
            FakeDirectory directory = standardDirectory().invite("joe@acme.com", "inv-7", ACME);
            Decision decision = decide(login(GOOGLE, "joe@acme.com"), matchByDomain(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(directory.invitationOrganizations).containsExactly("acme");
        }

        @Test
        void invitationToDisabledOrganizationIsIgnoredAndTheOtherRulesDecide() {
            FakeDirectory directory = standardDirectory().invite("joe@acme.com", "inv-4", disabled(GLOBEX));
            Decision decision = decide(login(ACME_IDP, "joe@acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.invitationId()).isNull();
        }

        @Test
        void invitationToDisabledOrganizationDoesNotAdmitAnUnregisteredDomain() {
            FakeDirectory directory = standardDirectory().invite("joe@gmail.com", "inv-5", disabled(ACME));
            assertThat(decide(login(ACME_IDP, "joe@gmail.com"), realm(), directory).reason())
                    .isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
        }

        @Test
        void invitedIntoOrganizationWithoutRolesGetsTheRealmFallback() {
            RealmSettings realm = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, false, List.of("member"),
                    MissingPolicy.WARN);
            FakeDirectory directory = standardDirectory().invite("joe@gmail.com", "inv-6", GLOBEX);
            Decision decision = decide(login(GLOBEX_IDP, "joe@gmail.com"), realm, directory);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(decision.roles()).containsExactly("member");
            assertThat(decision.groups()).isEmpty();
        }
    }

    @Nested
    class Rule6DomainNotRegistered {

        @Test
        void unknownDomainIsBlockedWithoutNamingAnyOrganization() {
            Decision decision = decide(login(ACME_IDP, "joe@gmail.com"));
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.organization()).isNull();
            assertThat(decision.emailDomain()).isEqualTo("gmail.com");
        }

        @Test
        void contractorOnSubdomainIsBlocked() {
            Decision decision = decide(login(ACME_IDP, "joe@ext.acme.com"));
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.organization()).isNull();
        }

        @Test
        void contractorOnSubdomainOfWildcardIsProvisioned() {
            Decision decision = decide(login(GLOBEX_IDP, "joe@ext.globex.com"));
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.organization()).isEqualTo(GLOBEX);
        }

        @Test
        void wildcardCoversTheBaseDomain() {
            assertThat(decide(login(GLOBEX_IDP, "joe@globex.com")).reason()).isEqualTo(Reason.PROVISIONED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"joe@evilacme.com", "joe@acme.com.evil.com", "joe@acme.co", "joe@xacme.com",
                "joe@acme-com.net", "joe@evilglobex.com", "joe@globex.com.evil.com"})
        void suffixAndPrefixTricksAreBlocked(String email) {
            assertThat(decide(login(ACME_IDP, email)).reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
        }

        @Test
        void cyrillicHomoglyphIsBlocked() {
            Decision decision = decide(login(ACME_IDP, "joe@\u0430cme.com"));
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.emailDomain()).startsWith("xn--");
        }

        @Test
        void upperCaseAddressMatchesItsDomain() {
            Decision decision = decide(login(ACME_IDP, "JOE@ACME.COM"));
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.emailDomain()).isEqualTo("acme.com");
        }

        @Test
        void trailingDotAddressMatchesItsDomain() {
            assertThat(decide(login(ACME_IDP, "joe@acme.com.")).reason()).isEqualTo(Reason.PROVISIONED);
        }

        @Test
        void internationalDomainMatchesItsRegistration() {
            OrganizationFacts buecher = org("buecher", List.of(domain("bücher.de")), Map.of());
            FakeDirectory directory = new FakeDirectory().link("buecher-idp", buecher);
            Decision decision = decide(login("buecher-idp", "joe@BÜCHER.de"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.emailDomain()).isEqualTo("xn--bcher-kva.de");
            assertThat(directory.owningQueries).containsExactly("xn--bcher-kva.de");
        }

        @Test
        void directoryAnswerIsConfirmedWithKeycloaksRule() {
            FakeDirectory directory = standardDirectory().claimOwner(ACME);
            Decision decision = decide(login(ACME_IDP, "joe@ext.acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.organization()).isNull();
        }

        @Test
        void directoryIsAskedWithTheNormalizedDomain() {
            FakeDirectory directory = standardDirectory();
            decide(login(ACME_IDP, "joe@Acme.Com."), realm(), directory);
            assertThat(directory.owningQueries).containsExactly("acme.com");
        }

        @Test
        void unverifiedDomainDoesNotCountWhenTheRealmRequiresVerifiedDomains() {
            RealmSettings strict = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, true, List.of(),
                    MissingPolicy.WARN);
            Decision decision = decide(login(ACME_IDP, "joe@acme.com"), strict, standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.organization()).isNull();
        }

        @Test
        void verifiedDomainCountsWhenTheRealmRequiresVerifiedDomains() {
            RealmSettings strict = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, true, List.of(),
                    MissingPolicy.WARN);
            OrganizationFacts initech = org("initech",
                    List.of(domain("initech.com"), verified("*.initech.io")), Map.of());
            FakeDirectory directory = new FakeDirectory().link("initech-idp", initech);
            assertThat(decide(login("initech-idp", "joe@dev.initech.io"), strict, directory).reason())
                    .isEqualTo(Reason.PROVISIONED);
            assertThat(decide(login("initech-idp", "joe@initech.com"), strict, directory).reason())
                    .isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
        }

        @Test
        void unparseableRegisteredDomainMatchesNothing() {
            OrganizationFacts broken = org("broken", List.of(domain("*acme.com"), domain(" acme.com")), Map.of());
            FakeDirectory directory = new FakeDirectory().link(ACME_IDP, broken).claimOwner(broken);
            assertThat(decide(login(ACME_IDP, "joe@acme.com"), realm(), directory).reason())
                    .isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
        }
    }

    @Nested
    class Rule7IdpNotLinked {

        @Test
        void idpOfOneOrganizationCannotProvisionUsersOfAnother() {
            Decision decision = decide(login(GLOBEX_IDP, "joe@acme.com"));
            assertThat(decision.reason()).isEqualTo(Reason.IDP_NOT_LINKED);
            assertThat(decision.organization()).isEqualTo(GLOBEX);
            assertThat(decision.emailDomain()).isEqualTo("acme.com");
        }

        @Test
        void idpNotLinkedBeatsOrganizationDisabledAndJitDisabled() {
            FakeDirectory directory = new FakeDirectory().link(ACME_IDP, ACME).organization(disabled(PARTNERS));
            assertThat(decide(login(ACME_IDP, "joe@partners.io"), realm(), directory).reason())
                    .isEqualTo(Reason.IDP_NOT_LINKED);
            assertThat(decide(login(ACME_IDP, "joe@partners.io")).reason()).isEqualTo(Reason.IDP_NOT_LINKED);
        }

        @Test
        void realmMayWaiveTheLink() {
            RealmSettings loose = new RealmSettings(true, false, UnlinkedIdpMode.IGNORE, false, List.of(),
                    MissingPolicy.WARN);
            Decision decision = decide(login(GLOBEX_IDP, "joe@acme.com"), loose, standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.organization()).isEqualTo(ACME);
        }

        @Test
        void sharedIdpInMatchByDomainModeSkipsTheLinkRule() {
            Decision decision = decide(login(GOOGLE, "joe@ext.globex.com"), matchByDomain(), standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.organization()).isEqualTo(GLOBEX);
        }

        @Test
        void sharedIdpInMatchByDomainModeStillNeedsARegisteredDomain() {
            Decision decision = decide(login(GOOGLE, "joe@gmail.com"), matchByDomain(), standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.organization()).isNull();
        }

        @Test
        void sharedIdpInMatchByDomainModeStillNeedsAVerifiedEmail() {
            assertThat(decide(unverified(GOOGLE, "joe@acme.com"), matchByDomain(), standardDirectory()).reason())
                    .isEqualTo(Reason.EMAIL_NOT_VERIFIED);
        }
    }

    @Nested
    class Rule8OrganizationDisabled {

        @Test
        void disabledOrganizationIsBlocked() {
            OrganizationFacts acme = disabled(ACME);
            Decision decision = decide(login(ACME_IDP, "joe@acme.com"), realm(), new FakeDirectory().link(ACME_IDP, acme));
            assertThat(decision.reason()).isEqualTo(Reason.ORGANIZATION_DISABLED);
            assertThat(decision.organization()).isEqualTo(acme);
            assertThat(decision.roles()).isEmpty();
        }

        @Test
        void organizationDisabledBeatsJitDisabled() {
            OrganizationFacts partners = disabled(PARTNERS);
            FakeDirectory directory = new FakeDirectory().link("partners-idp", partners);
            assertThat(decide(login("partners-idp", "joe@partners.io"), realm(), directory).reason())
                    .isEqualTo(Reason.ORGANIZATION_DISABLED);
        }

        @Test
        void settingsOfADisabledOrganizationAreNotRead() {
            OrganizationFacts broken = disabled(org("broken", List.of(domain("broken.com")),
                    Map.of("jit.enabled", List.of("perhaps"))));
            decide(login("broken-idp", "joe@broken.com"), realm(), new FakeDirectory().link("broken-idp", broken));
            assertThat(problems.reports).isEmpty();
        }
    }

    @Nested
    class Rule9JitDisabled {

        @Test
        void organizationWithJitOffIsBlocked() {
            FakeDirectory directory = new FakeDirectory().link("partners-idp", PARTNERS);
            Decision decision = decide(login("partners-idp", "joe@partners.io"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.JIT_DISABLED);
            assertThat(decision.organization()).isEqualTo(PARTNERS);
            assertThat(decision.roles()).isEmpty();
        }

        @Test
        void unknownJitEnabledValueIsReportedOnceAndJitStaysOn() {
            OrganizationFacts odd = org("odd", List.of(domain("odd.com")), Map.of("jit.enabled", List.of("yes")));
            Decision decision = decide(login("odd-idp", "joe@odd.com"), realm(), new FakeDirectory().link("odd-idp", odd));
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(problems.reports).containsExactly("organization odd|jit.enabled|yes|true");
        }
    }

    @Nested
    class Rule10Provisioned {

        @Test
        void employeeIsProvisionedWithTheOrganizationsRolesAndGroups() {
            FakeDirectory directory = standardDirectory();
            Decision decision = decide(login(ACME_IDP, "joe@acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.outcome()).isEqualTo(Outcome.PROVISIONED);
            assertThat(decision.admits()).isTrue();
            assertThat(decision.organization()).isEqualTo(ACME);
            assertThat(decision.emailDomain()).isEqualTo("acme.com");
            assertThat(decision.invitationId()).isNull();
            assertThat(decision.roles()).containsExactly("employee", "app.viewer");
            assertThat(decision.groups()).containsExactly("/Acme/Staff");
            assertThat(directory.linkedLookups).isEqualTo(1);
            assertThat(directory.invitationLookups).isEqualTo(1);
            assertThat(directory.owningLookups).isEqualTo(1);
        }

        @Test
        void organizationWithoutRolesGetsTheRealmFallbackRoles() {
            RealmSettings realm = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, false,
                    List.of("member", "app.user"), MissingPolicy.WARN);
            Decision decision = decide(login(GLOBEX_IDP, "joe@globex.com"), realm, standardDirectory());
            assertThat(decision.roles()).containsExactly("member", "app.user");
        }

        @Test
        void organizationRolesReplaceTheRealmFallback() {
            RealmSettings realm = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, false, List.of("member"),
                    MissingPolicy.WARN);
            assertThat(decide(login(ACME_IDP, "joe@acme.com"), realm, standardDirectory()).roles())
                    .containsExactly("employee", "app.viewer");
        }

        @Test
        void noRolesAnywhereMeansNoRoles() {
            Decision decision = decide(login(GLOBEX_IDP, "joe@globex.com"));
            assertThat(decision.roles()).isEmpty();
            assertThat(decision.groups()).isEmpty();
        }
    }

    /** Rule 0 (an existing account) and where it sits in the order, which depends on the IdP. */
    @Nested
    class ExistingAccounts {

        private int asked;

        private io.github.jitprovisioning.core.decision.ExistingAccounts exists() {
            return answering(Match.EMAIL);
        }

        private io.github.jitprovisioning.core.decision.ExistingAccounts answering(Match match) {
            return (email, organizationId) -> {
                asked++;
                askedFor = organizationId;
                return match;
            };
        }

        private String askedFor;

        private Decision decideExisting(LoginFacts login, RealmSettings realm, FakeDirectory directory) {
            return JitDecider.decide(login, realm, directory, exists(), problems);
        }

        @Test
        void throughAnUnlinkedIdpTheExistingAccountComesFirstWhateverTheClaims() {
            for (String email : new String[] {null, "bad", "joe@acme.com"}) {
                Decision decision = decideExisting(unverified(GOOGLE, email), realm(), standardDirectory());
                assertThat(decision.reason()).as(String.valueOf(email)).isEqualTo(Reason.EXISTING_ACCOUNT);
                assertThat(decision.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            }
        }

        @Test
        void addressOfTheIdpsOwnOrganizationGoesToKeycloaksLinkSteps() {
            Decision decision = decideExisting(login(ACME_IDP, "joe@acme.com"), realm(), standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.EXISTING_ACCOUNT);
            assertThat(decision.admits()).isFalse();
            assertThat(decision.organization()).isNull();
            assertThat(decision.emailDomain()).isEqualTo("acme.com");
        }

        @Test
        void addressOfAnotherOrganizationIsRefusedBeforeAnyLinkStep() {
            Decision decision = decideExisting(login(GLOBEX_IDP, "joe@acme.com"), realm(), standardDirectory());
            assertThat(decision.reason()).isEqualTo(Reason.IDP_NOT_LINKED);
            assertThat(decision.organization()).isEqualTo(GLOBEX);
        }

        @Test
        void addressOfAnUnregisteredDomainIsRefusedEvenWithAnInvitation() {
            FakeDirectory directory = standardDirectory().invite("joe@gmail.com", "inv-1", ACME);
            Decision decision = decideExisting(login(ACME_IDP, "joe@gmail.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.DOMAIN_NOT_REGISTERED);
            assertThat(decision.invitationId()).isNull();
        }

        @Test
        void rulesTwoToFourComeFirstAndSpareTheAccountLookup() {
            assertThat(decideExisting(login(ACME_IDP, null), realm(), standardDirectory()).reason())
                    .isEqualTo(Reason.MISSING_EMAIL);
            assertThat(decideExisting(login(ACME_IDP, "joe@@acme.com"), realm(), standardDirectory()).reason())
                    .isEqualTo(Reason.INVALID_EMAIL);
            assertThat(decideExisting(unverified(ACME_IDP, "joe@acme.com"), realm(), standardDirectory()).reason())
                    .isEqualTo(Reason.EMAIL_NOT_VERIFIED);
            assertThat(asked).isZero();
        }

        @Test
        void organizationSwitchesDoNotConcernExistingAccounts() {
            FakeDirectory directory = standardDirectory().link("partners-idp", PARTNERS);
            assertThat(decideExisting(login("partners-idp", "joe@partners.io"), realm(), directory).reason())
                    .isEqualTo(Reason.EXISTING_ACCOUNT);
        }

        @Test
        void withoutTheLinkRequirementAnyRegisteredDomainReachesTheLinkSteps() {
            RealmSettings noLink = new RealmSettings(true, false, UnlinkedIdpMode.IGNORE, false, List.of(),
                    MissingPolicy.WARN);
            assertThat(decideExisting(login(GLOBEX_IDP, "joe@acme.com"), noLink, standardDirectory()).reason())
                    .isEqualTo(Reason.EXISTING_ACCOUNT);
        }

        @Test
        void accountsAreAskedOnceAndNeverForANewUsersInvitation() {
            FakeDirectory directory = standardDirectory().invite("joe@gmail.com", "inv-1", ACME);
            Decision decision = JitDecider.decide(login(ACME_IDP, "joe@gmail.com"), realm(), directory,
                    answering(Match.NONE), problems);
            assertThat(decision.reason()).isEqualTo(Reason.INVITED);
            assertThat(asked).isEqualTo(1);
            assertThat(directory.owningLookups).as("rule 5 asks whose domain it is, once").isEqualTo(1);
        }

        @Test
        void usernameOfAnotherTenantsAccountIsRefusedThroughAnOrganizationsIdp() {
            Decision decision = JitDecider.decide(login(GLOBEX_IDP, "x@globex.com"), realm(), standardDirectory(),
                    answering(Match.USERNAME), problems);
            assertThat(decision.reason()).isEqualTo(Reason.USERNAME_TAKEN);
            assertThat(decision.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(decision.organization()).as("the IdP's organization").isEqualTo(GLOBEX);
            assertThat(decision.emailDomain()).isEqualTo("globex.com");
            assertThat(askedFor).as("membership asked about the IdP's organization").isEqualTo("globex");
        }

        @Test
        void usernameOfAMemberOfTheIdpsOrganizationGoesToKeycloaksLinkSteps() {
            Decision decision = JitDecider.decide(login(GLOBEX_IDP, "x@globex.com"), realm(), standardDirectory(),
                    answering(Match.USERNAME_OF_MEMBER), problems);
            assertThat(decision.reason()).isEqualTo(Reason.EXISTING_ACCOUNT);
        }

        @Test
        void takenUsernameComesAfterTheDomainRulesAndBeforeTheInvitation() {
            assertThat(JitDecider.decide(login(GLOBEX_IDP, "x@acme.com"), realm(), standardDirectory(),
                    answering(Match.USERNAME), problems).reason()).isEqualTo(Reason.IDP_NOT_LINKED);
            FakeDirectory invited = standardDirectory().invite("x@globex.com", "inv-1", GLOBEX);
            assertThat(JitDecider.decide(login(GLOBEX_IDP, "x@globex.com"), realm(), invited,
                    answering(Match.USERNAME), problems).reason()).isEqualTo(Reason.USERNAME_TAKEN);
            assertThat(JitDecider.decide(unverified(GLOBEX_IDP, "x@globex.com"), realm(), standardDirectory(),
                    answering(Match.USERNAME), problems).reason()).isEqualTo(Reason.EMAIL_NOT_VERIFIED);
        }

        @Test
        void takenUsernameIsNotJitsBusinessThroughAnUnlinkedIdp() {
            Decision decision = JitDecider.decide(login(GOOGLE, "x@globex.com"), matchByDomain(), standardDirectory(),
                    answering(Match.USERNAME), problems);
            assertThat(decision.reason()).isEqualTo(Reason.EXISTING_ACCOUNT);
            assertThat(askedFor).isNull();
        }

        @Test
        void takenUsernameDoesNotConcernOrganizationSwitches() {
            FakeDirectory directory = standardDirectory().link("partners-idp", PARTNERS);
            assertThat(JitDecider.decide(login("partners-idp", "joe@partners.io"), realm(), directory,
                    answering(Match.USERNAME), problems).reason()).isEqualTo(Reason.USERNAME_TAKEN);
        }
    }

    @Nested
    class Laziness {

        @Test
        void earlyBlockCostsOnlyTheIdpLookup() {
            for (String email : new String[] {null, "", "bad", " joe@acme.com"}) {
                FakeDirectory directory = standardDirectory();
                decide(login(ACME_IDP, email), realm(), directory);
                assertThat(directory.lookups()).as(String.valueOf(email)).isEqualTo(1);
            }
        }

        @Test
        void invitationCostsOneDomainLookup() {
            FakeDirectory directory = standardDirectory().invite("joe@acme.com", "inv-1", ACME);
            decide(login(ACME_IDP, "joe@acme.com"), realm(), directory);
            assertThat(directory.owningLookups).as("rule 5: whose domain is the invited address").isEqualTo(1);
        }

        @Test
        void anInDomainFirstLoginCostsWhatItCostBeforeTheMailboxProof() {
            FakeDirectory directory = standardDirectory();
            Decision decision = decide(login(ACME_IDP, "alice@acme.com"), realm(), directory);
            assertThat(decision.reason()).isEqualTo(Reason.PROVISIONED);
            assertThat(decision.mailboxProofRequired()).isFalse();
            assertThat(directory.owningLookups).as("one domain lookup, as before").isEqualTo(1);
            assertThat(directory.invitationLookups).as("one invitation lookup, as before").isEqualTo(1);
            assertThat(directory.lookups()).isEqualTo(3);
        }

        @Test
        void everyLookupIsMadeAtMostOnce() {
            FakeDirectory directory = standardDirectory();
            decide(login(GLOBEX_IDP, "joe@acme.com"), realm(), directory);
            assertThat(directory.linkedLookups).isEqualTo(1);
            assertThat(directory.invitationLookups).isEqualTo(1);
            assertThat(directory.owningLookups).isEqualTo(1);
        }
    }

    @Test
    void missingArgumentsAreProgrammingErrors() {
        FakeDirectory directory = standardDirectory();
        LoginFacts login = login(ACME_IDP, "joe@acme.com");
        assertThatThrownBy(() -> JitDecider.decide(null, realm(), directory, problems))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JitDecider.decide(login, null, directory, problems))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JitDecider.decide(login, realm(), null, problems))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JitDecider.decide(login, realm(), directory, null))
                .isInstanceOf(NullPointerException.class);
    }
}
