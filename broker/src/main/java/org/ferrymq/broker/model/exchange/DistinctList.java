package org.ferrymq.broker.model.exchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An insertion-ordered list without duplicates, for the few elements one message's route
 * collects: a linear scan while small, a hash set once it grows. Not thread-safe; lives
 * for one routing call.
 */
final class DistinctList<E> {
    private static final int SCAN_LIMIT = 8;

    private final List<E> elements = new ArrayList<>(4);
    private Set<E> index;

    /** Adds the element unless present; true if added. */
    boolean add(E element) {
        if (index != null) {
            if (!index.add(element)) {
                return false;
            }
        } else {
            if (elements.contains(element)) {
                return false;
            }
            if (elements.size() == SCAN_LIMIT) {
                index = new HashSet<>(elements);
                index.add(element);
            }
        }
        elements.add(element);
        return true;
    }

    int size() {
        return elements.size();
    }

    E get(int i) {
        return elements.get(i);
    }
}
