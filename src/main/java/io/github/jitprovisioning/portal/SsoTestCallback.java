package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.decision.LoginFacts;
import io.github.jitprovisioning.core.portal.RefusalAdvice;
import io.github.jitprovisioning.core.sso.PortalSsoOptions;
import io.github.jitprovisioning.core.sso.TestedConfiguration;
import io.github.jitprovisioning.provisioning.DecisionRunner;
import io.github.jitprovisioning.provisioning.JitRecord;
import io.github.jitprovisioning.provisioning.JitStepSettings;
import io.github.jitprovisioning.sso.Discovery;
import io.github.jitprovisioning.sso.SelfServiceIdps;
import io.github.jitprovisioning.sso.TestSignIn;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.representations.IDToken;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /realms/{realm}/jit-portal/sso/test-callback}: where the IdP sends the browser back after a test sign-in.
 * Takes the test's state (once), checks that the browser is the one that started it, redeems the code and checks
 * the ID token ({@link TestSignIn}), computes the JIT decision the claims would get, and stores the result for the
 * portal. Creates, links and changes no user and starts no session: the only change is the IdP's record of a
 * successful test of its current settings.
 */
final class SsoTestCallback {

    private final KeycloakSession session;
    private final RealmModel realm;

    SsoTestCallback(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Response handle(String state, String code, String error, String errorDescription) {
        PortalPage page = new PortalPage(session, realm);
        TestSignIn.Pending pending = TestSignIn.take(session, state);
        if (pending == null || !realm.getId().equals(pending.realmId())) {
            return page.ssoTestFinished(false, "jitPortalSsoTestUnknown");
        }
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(TestSignIn.COOKIE);
        if (!TestSignIn.boundTo(pending, cookie == null ? null : cookie.getValue())) {
            return page.ssoTestFinished(false, "jitPortalSsoTestOtherBrowser");
        }
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(pending.organizationId());
        Optional<IdentityProviderModel> found = organization == null ? Optional.empty()
                : SelfServiceIdps.find(session, organization, pending.alias());
        if (found.isEmpty()) {
            return page.ssoTestFinished(false, "jitPortalSsoTestUnknown");
        }
        IdentityProviderModel idp = found.get();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("alias", idp.getAlias());
        result.put("finishedAt", Instant.now().toString());
        result.put("fingerprint", pending.fingerprint());
        if (!pending.fingerprint().equals(TestedConfiguration.fingerprint(idp.getConfig()))) {
            failed(result, "settings", "the identity provider's settings changed during the test: test again");
        } else if (error != null) {
            failed(result, "authorization", "the identity provider answered '" + clip(error) + "'"
                    + (errorDescription == null ? "" : ": " + clip(errorDescription)));
        } else if (code == null || code.isBlank()) {
            failed(result, "authorization", "the identity provider sent no authorization code");
        } else {
            PortalSsoOptions options = RealmOptions.sso(realm, organization);
            TestSignIn.Outcome outcome = TestSignIn.complete(session, idp, pending, code,
                    Discovery.policy(String.join(",", options.allowedHosts()), realm.getName()));
            if (!outcome.ok()) {
                failed(result, outcome.step(), outcome.error());
            } else {
                result.put("ok", true);
                result.put("claims", shown(outcome.claims()));
                result.put("decision", decision(idp, outcome.token()));
                SelfServiceIdps.markTested(session, idp, Instant.now());
            }
        }
        try {
            session.singleUseObjects().put(SsoApi.resultKey(session, realm, idp.getAlias()), SsoApi.RESULT_SECONDS,
                    Map.of("json", ApiResponses.JSON.writeValueAsString(result)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("alias", idp.getAlias());
        representation.put("ok", result.get("ok"));
        if (result.get("decision") instanceof Map<?, ?> decision) {
            representation.put("outcome", decision.get("outcome"));
            representation.put("reason", decision.get("reason"));
        } else {
            representation.put("step", result.get("step"));
        }
        new PortalChanges(session, realm, caller(pending), organization.getId())
                .record(ResourceType.IDENTITY_PROVIDER, OperationType.ACTION, "sso/" + idp.getAlias() + "/test",
                        "sso.test", representation);
        return Response.fromResponse(page.ssoTestFinished(Boolean.TRUE.equals(result.get("ok")),
                        Boolean.TRUE.equals(result.get("ok")) ? "jitPortalSsoTestDone" : "jitPortalSsoTestFailed"))
                .header("Set-Cookie", SsoApi.testCookie(session, realm, "", 0)).build();
    }

    private Map<String, Object> decision(IdentityProviderModel idp, IDToken token) {
        LoginFacts login = new LoginFacts(idp.getAlias(), token.getEmail(), Boolean.TRUE.equals(token.getEmailVerified()),
                false);
        JitRecord record = new DecisionRunner(session, realm).decide(login, token.getPreferredUsername(),
                JitStepSettings.realmSettings(realm, idp));
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("outcome", record.outcome().code());
        decision.put("reason", record.reason().code());
        RefusalAdvice.forReason(record.reason().code()).ifPresent(advice -> {
            decision.put("advice", advice.code());
            decision.put("adviceAction", advice.action());
        });
        decision.put("email", token.getEmail());
        decision.put("emailVerified", token.getEmailVerified());
        decision.put("organization", record.organizationName());
        decision.put("roles", record.roles());
        decision.put("groups", record.groups());
        decision.put("warnings", record.warnings());
        return decision;
    }

    private static void failed(Map<String, Object> result, String step, String error) {
        result.put("ok", false);
        result.put("step", step);
        result.put("error", error);
    }

    /** The claims as received, without the protocol's own values, long values clipped. */
    private static Map<String, Object> shown(Map<String, Object> claims) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (List.of("nonce", "at_hash", "c_hash", "s_hash").contains(claim.getKey()) || shown.size() >= 50) {
                continue;
            }
            Object value = claim.getValue();
            shown.put(clip(claim.getKey()), value instanceof String text ? clip(text)
                    : value instanceof Number || value instanceof Boolean || value == null ? value : clip(String.valueOf(value)));
        }
        return shown;
    }

    private PortalCaller caller(TestSignIn.Pending pending) {
        String actor = pending.actor();
        if (actor.startsWith("user:")) {
            UserModel user = session.users().getUserById(realm, actor.substring(5));
            if (user != null) {
                return new PortalCaller(user, null, null);
            }
        }
        return new PortalCaller(null, null, new PortalSessions.LinkSession(pending.organizationId(),
                actor.startsWith("link:") ? actor.substring(5) : actor, "", Instant.now()));
    }

    private static String clip(String text) {
        String cleaned = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) + "…" : cleaned;
    }
}
