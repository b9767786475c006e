package io.github.jitprovisioning.it.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.HttpResult;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakServer;
import io.github.jitprovisioning.it.harness.ServerDatabase;
import io.github.jitprovisioning.it.harness.SmtpSink;
import io.github.jitprovisioning.it.harness.TestDnsServer;

/**
 * The demo behind {@code ./mvnw -Pdemo}: Keycloak 26.7.3 with the extension, the demo realms imported from
 * {@code docker/realms/}, on http://localhost:8080 with the embedded H2 database, until Ctrl-C.
 *
 * <p>Arguments: the unpacked distribution's home, the extension JAR, the folder of realm exports, a work folder.
 */
public final class DemoServer {

    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    private static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(120);
    /** The domain the demo claims for Acme: pending at start, verified by "Verify now" or the background check. */
    static final String DEMO_DOMAIN = "acme-labs.test";
    /**
     * Seconds between background checks of a pending domain: production's 600 would keep the demo waiting ten minutes;
     * five minutes leaves time to press "Verify now" first and still lets the background check be seen.
     */
    static final int PENDING_INTERVAL = 300;

    private DemoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: DemoServer <keycloak home> <extension jar> <realm exports> <work dir>");
        }
        requireFree(HTTP_PORT);
        requireFree(MANAGEMENT_PORT);
        TestDnsServer dns = TestDnsServer.shared();
        System.out.println("[demo] installing the extension and starting Keycloak (the first start builds it, about a minute)...");
        DistributionServer server = DistributionServer.start(Path.of(args[0]), Path.of(args[1]), Path.of(args[3]),
                new DistributionServer.Launch(HTTP_PORT, MANAGEMENT_PORT, Path.of(args[2]), ServerDatabase.DEV_FILE,
                        dnsOptions(dns)));
        awaitRealm(server.baseUrl() + "/realms/demo/.well-known/openid-configuration");
        awaitImported(server.admin());
        preparePortal(server.admin());
        printMail(server.admin());
        String domainState = prepareDomain(server.admin(), dns);
        System.out.println(instructions(server.baseUrl(), Path.of(args[3]).resolve("keycloak.log"), dns.port(), domainState));
        server.awaitExit();
    }

    /**
     * The domain verification's resolver pointed at the demo's own DNS server (the demo's domains are not in the
     * public DNS), with production's timing except a shorter pending interval. No test clock.
     */
    static java.util.List<String> dnsOptions(TestDnsServer dns) {
        String spi = "--spi-jit-domain-verification--default--";
        return java.util.List.of(spi + "dns-servers=127.0.0.1:" + dns.port(),
                spi + "pending-interval=" + PENDING_INTERVAL);
    }

    /**
     * Claims {@link #DEMO_DOMAIN} for Acme through the admin REST API (idempotent: a restarted demo gets its existing
     * claim back), checks it once while the DNS has no record yet (as a customer's DNS looks before they publish
     * it: the claim stays pending, {@code lastCheck nxdomain}), then publishes the claim's TXT record in the demo's
     * DNS server. Returns the claim's state.
     */
    static String prepareDomain(AdminApi admin, TestDnsServer dns) {
        String acme = acmeId(admin);
        String domains = "/demo/jit/organizations/" + acme + "/domains";
        com.fasterxml.jackson.databind.JsonNode claim = admin.post(domains, java.util.Map.of("domain", DEMO_DOMAIN)).json();
        com.fasterxml.jackson.databind.JsonNode lastChecked = claim.path("lastCheckedAt");
        if ("pending".equals(claim.path("state").asText()) && (lastChecked.isMissingNode() || lastChecked.isNull())) {
            HttpResult first = admin.send("POST", domains + "/" + DEMO_DOMAIN + "/verify", null);
            if (first.isSuccess()) {
                claim = first.json();
            }
        }
        String name = claim.get("record").get("name").asText();
        String value = claim.get("record").get("value").asText();
        dns.txt(name, java.util.List.of(java.util.List.of(value)));
        System.out.println("[demo dns] " + DEMO_DOMAIN + " claimed for Acme (" + claim.path("state").asText()
                + "); published " + name + " TXT \"" + value + "\"");
        return claim.path("state").asText();
    }

    static String instructions(String baseUrl, Path log, int dnsPort, String domainState) {
        return """

                ============================================================================
                 Keycloak 26.7.3 with keycloak-jit-provisioning is running: %1$s
                ============================================================================
                 Open   %1$s/realms/demo/account
                 and type the user's email. An address of an organization's domain goes straight
                 to its IdP (Acme SSO, Globex SSO), where only the password is left to type.
                 Any other address, or a plain user name, asks for a password: choose "Acme SSO".
                 Every password is: password

                 type                                                result
                 alice@acme.test        -> Acme SSO                   PROVISIONED: member of Acme,
                                                                      /Acme/Engineering, acme-member, viewer
                 Bob.Brown@ACME.test    -> Acme SSO                   PROVISIONED
                 carol@ext.acme.test    -> choose Acme SSO, "carol"   BLOCKED domain_not_registered
                 mallory                -> choose Acme SSO            BLOCKED idp_not_linked
                 ursula@acme.test       -> Acme SSO (unverified)      BLOCKED email_not_verified
                 gina@globex.test       -> Globex SSO                 BLOCKED jit_disabled
                 The block page's "Back to sign-in" starts over.

                 SELF-SERVICE PORTAL AND A CONTRACTOR'S INVITATION (Acme's IT admin, Carol):
                   1. Sign in as carol above: refused (domain_not_registered), note the code.
                   2. Open %1$s/realms/demo/jit-portal/?idp=acme-sso
                      and sign in at the enterprise IdP as acme-admin / password.
                   3. Decisions: Carol's refusal and what to do. Invitations: invite
                      carol@ext.acme.test.
                   4. In a new private window, sign in as carol again (type carol@ext.acme.test,
                      choose Acme SSO, carol / password). ext.acme.test is no organization's
                      domain, so the page says "Confirm your email address": a one-time link
                      went to carol@ext.acme.test. The demo prints every mail here, as
                      [demo mail] lines: open the .../jit-mailbox/confirm?key=... link of the
                      newest mail to Carol in that same window (valid 15 minutes). Carol lands
                      in the account console: a member of Acme (outcome invited).
                      (Keycloak's own invitation mail, also printed, is its registration link.)

                 DOMAIN VERIFICATION (DNS TXT): Acme has claimed %4$s; it is %5$s.
                   The demo runs its own DNS server (127.0.0.1:%3$s, UDP), which already
                   publishes the claim's record _keycloak-challenge.%4$s TXT
                   "keycloak-verification=<token>".
                   1. Open the portal as acme-admin (SELF-SERVICE PORTAL, step 2), section
                      Domains: %4$s is pending, with the TXT record to publish.
                   2. Press "Verify now" (once a minute per domain): it becomes verified, and
                      a domain of Acme in Keycloak (Organizations > Acme > Domains).
                      Or wait: the background check verifies it within about %6$d minutes.
                   Admin REST (token: admin-cli of realm master, admin / admin):
                     GET  %1$s/admin/realms/demo/jit/organizations/<Acme's id>/domains
                     POST .../domains/%4$s/verify

                 Admin console  %1$s/admin  (admin / admin): realm "demo",
                   Users, Organizations, and Events (the jit_* details of each decision).
                 Server log     %2$s
                 Stop with Ctrl-C.
                ============================================================================
                """.formatted(baseUrl, log.toAbsolutePath(), dnsPort, DEMO_DOMAIN, domainState, PENDING_INTERVAL / 60 + 1);
    }

    /**
     * What a realm import cannot express: acme-admin (imported with a link to Acme SSO) becomes a member of Acme and of
     * Acme's organization group {@code Admins}, and the portal's public client exists. Idempotent (a restarted demo
     * keeps its database).
     */
    static void preparePortal(AdminApi admin) {
        String acme = acmeId(admin);
        String user = admin.get("/demo/users?username=acme-admin&exact=true").get(0).get("id").asText();
        String org = "/demo/organizations/" + acme;
        if (admin.send("GET", org + "/members/" + user, null).status() == 404) {
            admin.post(org + "/members", user);
        }
        com.fasterxml.jackson.databind.JsonNode groups = admin.get(org + "/groups?search=Admins&exact=true");
        String adminsGroup = groups.isEmpty() ? admin.post(org + "/groups", java.util.Map.of("name", "Admins")).createdId()
                : groups.get(0).get("id").asText();
        admin.put(org + "/groups/" + adminsGroup + "/members/" + user, null);
        admin.put("/demo/jit/portal-client", null);
    }

    /**
     * The demo has no mail server: invitations from the portal and the mailbox-proof links of invited contractors go
     * to a local SMTP sink, and the demo prints each mail's recipient, subject and the links in it, so that the
     * invited person can follow theirs.
     */
    static void printMail(AdminApi admin) {
        SmtpSink sink = SmtpSink.start();
        admin.put("/demo", java.util.Map.of("smtpServer", java.util.Map.of("host", "localhost",
                "port", String.valueOf(sink.port()), "from", "noreply@demo.test", "fromDisplayName", "Demo")));
        Thread printer = new Thread(() -> {
            int printed = 0;
            while (true) {
                java.util.List<SmtpSink.Message> mails = sink.messages();
                for (; printed < mails.size(); printed++) {
                    SmtpSink.Message mail = mails.get(printed);
                    System.out.println("[demo mail] to " + mail.recipients() + ": " + mail.subject());
                    // each link once (the text and the HTML part carry the same ones), without the HTML around it
                    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://[^\\s\"<>]+").matcher(mail.decodedText());
                    java.util.Set<String> links = new java.util.LinkedHashSet<>();
                    while (link.find()) {
                        links.add(link.group().replace("&#61;", "=").replace("&amp;", "&"));
                    }
                    links.forEach(url -> System.out.println("[demo mail]   " + url));
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "demo-mail-printer");
        printer.setDaemon(true);
        printer.start();
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use: stop whatever listens there (another Keycloak?) and run the demo again");
        }
    }

    /**
     * The realm is visible before its import is complete (its organizations and users come in later): wait for what
     * {@link #preparePortal} and {@link #prepareDomain} need.
     */
    private static void awaitImported(AdminApi admin) throws InterruptedException {
        long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
        while (acmeId(admin) == null
                || admin.get("/demo/users?username=acme-admin&exact=true").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo realm's organization Acme or user acme-admin did not appear within "
                        + IMPORT_TIMEOUT + " (organizations " + Json.abbreviate(admin.get("/demo/organizations").toString())
                        + ", acme-admin " + admin.get("/demo/users?username=acme-admin&exact=true").size() + "): see the server log");
            }
            Thread.sleep(500);
        }
    }

    /** The demo realms' exports, the enterprise IdP first (the demo realm's brokers point at it). */
    private static final String[] REALM_EXPORTS = {"enterprise-idp-realm.json", "demo-realm.json"};
    private static final String URL_IN_EXPORTS = "http://localhost:" + HTTP_PORT;

    /**
     * Imports the demo's own realms ({@code docker/realms/}) into a test server, their {@code http://localhost:8080}
     * URLs pointed at it, as the browser tests of the demo's walk need them.
     */
    static void importRealms(KeycloakServer server) throws IOException {
        for (String file : REALM_EXPORTS) {
            String json = java.nio.file.Files.readString(Path.of("docker/realms").resolve(file),
                    java.nio.charset.StandardCharsets.UTF_8).replace(URL_IN_EXPORTS, server.baseUrl());
            server.admin().post("", Json.parse(json));
        }
    }

    /** Removes what {@link #importRealms} imported. */
    static void removeRealms(KeycloakServer server) {
        server.admin().send("DELETE", "/demo", null);
        server.admin().send("DELETE", "/enterprise-idp", null);
    }

    /** The id of the organization Acme, or null (the name compared without case: {@code exact=true} is not). */
    static String acmeId(AdminApi admin) {
        for (com.fasterxml.jackson.databind.JsonNode org : admin.get("/demo/organizations?search=acme")) {
            if ("acme".equalsIgnoreCase(org.path("name").asText())) {
                return org.get("id").asText();
            }
        }
        return null;
    }

    /** The import finishes after Keycloak reports ready: wait for the demo realm itself. */
    private static void awaitRealm(String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still importing
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the demo realm did not appear within " + IMPORT_TIMEOUT + ": see the server log");
    }
}
