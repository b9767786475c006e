package io.github.jitprovisioning.domains;

import java.util.concurrent.Semaphore;

/**
 * How many "verify now" requests of this node may wait on the DNS at the same moment. A waiting request keeps the
 * database connection that Keycloak's request transaction took before the check (measured: it stays "idle in
 * transaction" until the request ends), so the gate bounds what a slow nameserver can take from the pool: at most
 * {@code limit} connections per node, however many organizations and domains ask. One per node, made at startup
 * (node-local by design: it guards this node's pool).
 */
final class ManualCheckGate {

    private final Semaphore permits;

    ManualCheckGate(int limit) {
        this.permits = new Semaphore(Math.max(1, limit));
    }

    /** A permit at once, or false when {@code limit} requests already wait on the DNS (never blocks). */
    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void leave() {
        permits.release();
    }
}
