package org.ferrymq.broker.model.exchange;

import java.util.HashMap;
import java.util.Map;

/**
 * How many bindings share one routing entry (e.g. the same queue bound twice with the same
 * key but different arguments routes once). Writer side only: not thread-safe, used under the
 * exchange's monitor.
 */
final class ReferenceCounts<K> {
    private final Map<K, Integer> counts = new HashMap<>();

    /** Counts one more reference; true if this is the first. */
    boolean increment(K key) {
        return counts.merge(key, 1, Integer::sum) == 1;
    }

    /** Counts one reference less; true if that was the last. */
    boolean decrement(K key) {
        Integer count = counts.get(key);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            counts.remove(key);
            return true;
        }
        counts.put(key, count - 1);
        return false;
    }
}
