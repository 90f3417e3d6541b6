package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    @Test
    void everyNumberOnceIsExactlyOnce() {
        SequenceTracker tracker = new SequenceTracker();
        for (int i = 0; i < 1000; i++) {
            assertTrue(tracker.record(i));
        }
        assertEquals(1000, tracker.delivered());
        assertEquals(0, tracker.duplicates());
        assertEquals(0, tracker.missing(1000));
        assertEquals(0, tracker.unexpected(1000));
    }

    @Test
    void gapsAreMissingAndRepeatsAreDuplicatesWhateverTheOrder() {
        SequenceTracker tracker = new SequenceTracker();
        for (int seq : new int[] {3, 0, 1, 1, 4, 3, 1}) {
            tracker.record(seq);
        }
        assertEquals(7, tracker.delivered());
        assertEquals(4, tracker.distinct());
        assertEquals(3, tracker.duplicates());
        assertEquals(2, tracker.missing(6), "2 and 5 never arrived");
    }

    @Test
    void numbersThatWereNeverSentAreUnexpected() {
        SequenceTracker tracker = new SequenceTracker();
        tracker.record(0);
        tracker.record(1);
        assertFalse(tracker.record(-1));
        tracker.record(7);
        assertEquals(2, tracker.unexpected(2), "-1 and 7 with only 0..1 sent");
        assertEquals(0, tracker.missing(2));
    }

    @Test
    void nothingReceivedMeansEverythingMissing() {
        assertEquals(500, new SequenceTracker().missing(500));
    }
}
