package org.ferrymq.broker.model.exchange;

import java.util.Arrays;

/**
 * Copy-on-write helpers for the immutable destination arrays routing snapshots are made of:
 * an array, once published, is never written again, so readers need no lock.
 */
final class DestinationArrays {
    static final Destination[] EMPTY = new Destination[0];

    private DestinationArrays() {
    }

    /** A new array with {@code destination} appended. */
    static Destination[] with(Destination[] destinations, Destination destination) {
        Destination[] copy = Arrays.copyOf(destinations, destinations.length + 1);
        copy[destinations.length] = destination;
        return copy;
    }

    /** A new array without {@code destination} (the same array if absent). */
    static Destination[] without(Destination[] destinations, Destination destination) {
        for (int i = 0; i < destinations.length; i++) {
            if (destinations[i].equals(destination)) {
                if (destinations.length == 1) {
                    return EMPTY;
                }
                Destination[] copy = new Destination[destinations.length - 1];
                System.arraycopy(destinations, 0, copy, 0, i);
                System.arraycopy(destinations, i + 1, copy, i, destinations.length - i - 1);
                return copy;
            }
        }
        return destinations;
    }
}
