package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.TxtCheck;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The background check, run on every node by Keycloak's cluster-aware task runner, which only keeps two runs from
 * overlapping (its cluster-wide lock ends with the run): takes the due claims in the runner's transaction (marked
 * taken in the database, so that no other run, on this node or another, takes them again while their checks are in
 * flight) and hands them to an executor of its own, which asks the DNS outside any transaction and writes each result,
 * and gives the claim back, in a transaction of its own. Keycloak's shared timer thread never waits for the DNS.
 */
final class DomainRecheckTask implements ScheduledTask {

    static final String EXECUTOR = "jit-domain-checks";
    private static final Logger LOG = Logger.getLogger(DomainRecheckTask.class);

    private final KeycloakSessionFactory factory;

    DomainRecheckTask(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void run(KeycloakSession session) {
        DomainVerificationService service = session.getProvider(DomainVerificationService.class);
        List<DueChecks.DueCheck> taken = service.takeDueChecks();
        if (taken.isEmpty()) {
            return;
        }
        LOG.debugf("JIT domain check: took %d domain(s)", taken.size());
        try {
            session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR).execute(() -> checkAll(taken));
        } catch (RejectedExecutionException e) {
            service.release(taken);
            LOG.warnf("JIT domain check: executor busy, %d domain(s) wait for the next run", taken.size());
        }
    }

    private void checkAll(List<DueChecks.DueCheck> due) {
        for (DueChecks.DueCheck check : due) {
            try {
                TxtCheck.Result result = ((DomainVerificationServiceFactory) factory
                        .getProviderFactory(DomainVerificationService.class)).check(check);
                KeycloakModelUtils.runJobInTransaction(factory,
                        s -> s.getProvider(DomainVerificationService.class).applyBackground(check, result));
            } catch (RuntimeException e) {
                LOG.warnf(e, "JIT domain check of claim %s failed", check.claimId());
            }
        }
    }

    @Override
    public String getTaskName() {
        return DomainRecheckTask.class.getSimpleName();
    }
}
