package io.github.jitprovisioning.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

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

    private DemoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: DemoServer <keycloak home> <extension jar> <realm exports> <work dir>");
        }
        requireFree(HTTP_PORT);
        requireFree(MANAGEMENT_PORT);
        System.out.println("[demo] installing the extension and starting Keycloak (the first start builds it, about a minute)...");
        DistributionServer server = DistributionServer.start(Path.of(args[0]), Path.of(args[1]), Path.of(args[3]),
                new DistributionServer.Launch(HTTP_PORT, MANAGEMENT_PORT, Path.of(args[2])));
        awaitRealm(server.baseUrl() + "/realms/demo/.well-known/openid-configuration");
        preparePortal(server.admin());
        printMail(server.admin());
        System.out.println(instructions(server.baseUrl(), Path.of(args[3]).resolve("keycloak.log")));
        server.awaitExit();
    }

    static String instructions(String baseUrl, Path log) {
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

                 SELF-SERVICE PORTAL (Acme's IT admin, issue 9):
                   1. Sign in as carol above: refused (domain_not_registered), note the code.
                   2. Open %1$s/realms/demo/jit-portal/?idp=acme-sso
                      and sign in at the enterprise IdP as acme-admin / password.
                   3. Decisions: Carol's refusal and what to do. Invitations: invite
                      carol@ext.acme.test (the demo prints the mail here).
                   4. Sign in as carol again: admitted by the invitation (outcome invited).

                 Admin console  %1$s/admin  (admin / admin): realm "demo",
                   Users, Organizations, and Events (the jit_* details of each decision).
                 Server log     %2$s
                 Stop with Ctrl-C.
                ============================================================================
                """.formatted(baseUrl, log.toAbsolutePath());
    }

    /**
     * What a realm import cannot express: acme-admin (imported with a link to Acme SSO) becomes a member of Acme and of
     * Acme's organization group {@code Admins}, and the portal's public client exists. Idempotent (a restarted demo
     * keeps its database).
     */
    static void preparePortal(AdminApi admin) {
        String acme = admin.get("/demo/organizations?search=acme&exact=true").get(0).get("id").asText();
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
     * The demo has no mail server: invitations from the portal go to a local SMTP sink, and the demo prints each
     * mail's recipient and the links in it, so that the invited person can follow theirs.
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
                    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://\\S+").matcher(mail.decodedText());
                    while (link.find()) {
                        System.out.println("[demo mail]   " + link.group());
                    }
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
