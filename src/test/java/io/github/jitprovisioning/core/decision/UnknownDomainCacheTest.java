package io.github.jitprovisioning.core.decision;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnknownDomainCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final UnknownDomainCache cache = new UnknownDomainCache(3, 60_000, now::get);

    @Test
    void rememberedDomainIsUnknownInItsRealmOnly() {
        cache.remember("r1", "nowhere.test", cache.generation());

        assertThat(cache.isUnknown("r1", "nowhere.test")).isTrue();
        assertThat(cache.isUnknown("r2", "nowhere.test")).isFalse();
        assertThat(cache.isUnknown("r1", "elsewhere.test")).isFalse();
    }

    @Test
    void entryExpiresAfterItsTimeToLive() {
        cache.remember("r1", "nowhere.test", cache.generation());

        now.addAndGet(59_999_999_999L);
        assertThat(cache.isUnknown("r1", "nowhere.test")).isTrue();
        now.addAndGet(1);
        assertThat(cache.isUnknown("r1", "nowhere.test")).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void forgettingARealmDropsItsEntriesAndKeepsOthers() {
        cache.remember("r1", "a.test", cache.generation());
        cache.remember("r2", "b.test", cache.generation());

        cache.forget("r1");

        assertThat(cache.isUnknown("r1", "a.test")).isFalse();
        assertThat(cache.isUnknown("r2", "b.test")).isTrue();
    }

    @Test
    void forgettingAllRealmsDropsEverything() {
        cache.remember("r1", "a.test", cache.generation());
        cache.remember("r2", "b.test", cache.generation());

        cache.forget(null);

        assertThat(cache.size()).isZero();
    }

    @Test
    void answerOfALookupThatStartedBeforeAChangeIsNotRemembered() {
        long before = cache.generation();
        cache.forget("r1"); // an organization changed while the database answered "nobody"

        cache.remember("r1", "new.test", before);

        assertThat(cache.isUnknown("r1", "new.test")).isFalse();
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        long generation = cache.generation();
        cache.remember("r", "1.test", generation);
        cache.remember("r", "2.test", generation);
        cache.remember("r", "3.test", generation);
        assertThat(cache.isUnknown("r", "1.test")).isTrue(); // 2.test is now the least recently used

        cache.remember("r", "4.test", generation);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.isUnknown("r", "2.test")).isFalse();
        assertThat(cache.isUnknown("r", "1.test")).isTrue();
        assertThat(cache.isUnknown("r", "4.test")).isTrue();
    }

    @Test
    void zeroCapacityOrTimeToLiveTurnsTheCacheOff() {
        UnknownDomainCache none = new UnknownDomainCache(0, 60_000, now::get);
        UnknownDomainCache instant = new UnknownDomainCache(10, 0, now::get);

        none.remember("r", "a.test", none.generation());
        instant.remember("r", "a.test", instant.generation());

        assertThat(none.isUnknown("r", "a.test")).isFalse();
        assertThat(instant.isUnknown("r", "a.test")).isFalse();
    }

    @Test
    void negativeSizesAreRefused() {
        assertThatThrownBy(() -> new UnknownDomainCache(-1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnknownDomainCache(1, -1, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
