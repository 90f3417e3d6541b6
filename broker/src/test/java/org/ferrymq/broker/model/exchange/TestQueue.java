package org.ferrymq.broker.model.exchange;

/** A stand-in for a queue in unit tests: a named destination with identity equality. */
record TestQueue(String name) implements Destination {
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
