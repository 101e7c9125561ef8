package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The decoded-sample cache's size. */
class TrainingCorpusTest {
    @Test
    void theCacheTakesTheHeapLessTheReserveButNeverLessThanItsMinimum() {
        assertEquals(10_000_000_000L, TrainingCorpus.cacheBytes(12_000_000_000L));
        assertEquals(TrainingCorpus.MIN_CACHE_MB * 1_000_000L, TrainingCorpus.cacheBytes(1_000_000_000L));
        assertEquals(TrainingCorpus.MIN_CACHE_MB * 1_000_000L, TrainingCorpus.cacheBytes(0));
    }
}
