package io.github.jitprovisioning.core.decision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Domains that no organization of a realm owned at the last lookup: a bounded, expiring, node-local memory that
 * spares the database a query for every login of an unregistered domain.
 *
 * <p>Correctness does not depend on it being complete: an entry is only a shortcut to "no organization owns this",
 * and {@link #forget(String)} drops a realm's entries whenever one of its organizations changes. A lookup that
 * started before such a change must not store its (possibly stale) answer: callers take a {@link #generation()}
 * before they ask the database and hand it to {@link #remember}, which ignores the answer if anything was forgotten
 * in between. Entries also expire after a fixed time, the bound for changes that reach the database without an
 * event (SQL, another extension's model calls). At most {@code capacity} entries, the least recently used go first.
 */
public final class UnknownDomainCache {

    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, Long> expiries;
    private long generation;

    private record Key(String realmId, String domain) {
    }

    public UnknownDomainCache(int capacity, long ttlMillis, LongSupplier nanoClock) {
        if (capacity < 0 || ttlMillis < 0) {
            throw new IllegalArgumentException("capacity and time to live must not be negative");
        }
        this.capacity = capacity;
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.nanoClock = nanoClock;
        this.expiries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > UnknownDomainCache.this.capacity;
            }
        };
    }

    /** Whether no organization of the realm owned {@code asciiDomain} at a recent, still valid lookup. */
    public synchronized boolean isUnknown(String realmId, String asciiDomain) {
        Key key = new Key(realmId, asciiDomain);
        Long expiry = expiries.get(key);
        if (expiry == null) {
            return false;
        }
        if (nanoClock.getAsLong() - expiry >= 0) {
            expiries.remove(key);
            return false;
        }
        return true;
    }

    /** Take before the lookup whose negative answer may be remembered. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Remembers that no organization of the realm owns {@code asciiDomain}, unless something was forgotten since
     * {@code generationBeforeLookup} (the answer may predate that change).
     */
    public synchronized void remember(String realmId, String asciiDomain, long generationBeforeLookup) {
        if (generationBeforeLookup != generation || capacity == 0 || ttlNanos == 0) {
            return;
        }
        expiries.put(new Key(realmId, asciiDomain), nanoClock.getAsLong() + ttlNanos);
    }

    /** Drops every entry of the realm ({@code null}: of all realms). */
    public synchronized void forget(String realmId) {
        generation++;
        if (realmId == null) {
            expiries.clear();
        } else {
            expiries.keySet().removeIf(key -> key.realmId().equals(realmId));
        }
    }

    public synchronized int size() {
        return expiries.size();
    }
}
