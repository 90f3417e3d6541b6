package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LongCountsTest {
    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        Random random = new Random(42);
        LongCounts counts = new LongCounts(4);
        Map<Long, Integer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(5_000) - 100; // includes 0 and negatives
            int op = random.nextInt(3);
            if (op == 0) {
                int value = random.nextInt(4);
                counts.put(key, value);
                if (value == 0) {
                    reference.remove(key);
                } else {
                    reference.put(key, value);
                }
            } else if (op == 1) {
                counts.increment(key);
                reference.merge(key, 1, Integer::sum);
            } else {
                assertThat(counts.get(key)).isEqualTo(reference.getOrDefault(key, 0));
            }
        }
        assertThat(counts.size()).isEqualTo(reference.size());
        Map<Long, Integer> visited = new HashMap<>();
        counts.forEach(visited::put);
        assertThat(visited).isEqualTo(reference);
    }
}
