package io.github.jitprovisioning.core.decision;

/** What JIT did with a brokered login; the value of the {@code jit_outcome} event detail. */
public enum Outcome {
    PROVISIONED("provisioned"),
    INVITED("invited"),
    BLOCKED("blocked"),
    NOT_APPLICABLE("not_applicable"),
    SYNCED("synced");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    /** The stable code written to events, logs and metrics. */
    public String code() {
        return code;
    }
}
