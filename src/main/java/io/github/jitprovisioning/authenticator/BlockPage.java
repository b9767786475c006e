package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.provisioning.JitRecord;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.EventType;

/**
 * Refuses a login with the JIT block page: HTTP 403 in the realm's login theme, localized, naming no
 * organization and no domain, and showing the reference code that is also in the event details.
 */
final class BlockPage {

    static final String TEMPLATE = "jit-blocked.ftl";
    static final String REFERENCE_ATTRIBUTE = "jitReference";
    /** The reason code: the template tells the user what to ask IT for when only their own IdP can fix it. */
    static final String REASON_ATTRIBUTE = "jitReason";
    /** Set for {@code email_changed}: the page then says that the address cannot be changed at the first sign-in. */
    static final String EMAIL_CHANGED_ATTRIBUTE = "jitEmailChanged";

    private BlockPage() {
    }

    /**
     * Records the refusal on the login's event and answers with the block page. Nothing that this
     * request wrote may survive a refusal: the transaction is marked for rollback.
     */
    static void refuse(AuthenticationFlowContext context, JitRecord record) {
        context.getSession().getTransactionManager().setRollbackOnly();
        // A refusal is the first login's error, also when Keycloak's Review Profile step re-typed this request's event.
        context.getEvent().event(EventType.IDENTITY_PROVIDER_FIRST_LOGIN);
        record.annotate(context.getEvent());
        context.getEvent().error(record.reason().code());
        Response page = context.form()
                .setAttribute(REFERENCE_ATTRIBUTE, record.reference())
                .setAttribute(REASON_ATTRIBUTE, record.reason().code())
                .setAttribute(EMAIL_CHANGED_ATTRIBUTE, record.reason() == Reason.EMAIL_CHANGED)
                .setStatus(Response.Status.FORBIDDEN)
                .createForm(TEMPLATE);
        context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page);
    }
}
