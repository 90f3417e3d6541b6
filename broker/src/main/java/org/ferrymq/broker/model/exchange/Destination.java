package org.ferrymq.broker.model.exchange;

/**
 * What a binding points at: a queue, or another exchange (exchange-to-exchange binding).
 *
 * <p>Routing compares destinations with {@link Object#equals}; implementations normally keep
 * identity equality, so a queue that is deleted and re-declared is a new destination.
 * Routing calls {@link #name()}, {@code equals} and {@code hashCode} from many threads at
 * once, so they must be thread-safe (an immutable name and identity equality are).
 */
public interface Destination {

    /** The queue or exchange name, unique per kind within its virtual host. */
    String name();
}
