package io.github.jitprovisioning.members;

import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * The inactivity rule's background task, scheduled on every node by Keycloak's cluster-aware task runner, whose
 * cluster-wide lock lets one node at a time run it; each removal then looks again in its own transaction, so a member
 * is removed once (see {@link InactivitySweep}).
 */
final class InactivityTask implements ScheduledTask {

    private final InactivitySweep sweep;

    InactivityTask(InactivitySweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public void run(KeycloakSession session) {
        sweep.run(session);
    }

    @Override
    public String getTaskName() {
        return MemberRecordingListenerFactory.TASK_NAME;
    }
}
