package org.ferrymq.broker.model.exchange;

/**
 * What a binding points at: a queue, or another exchange (exchange-to-exchange binding).
 *
 * <p>Routing compares destinations with {@link Object#equals}; implementations normally keep
 * identity equality, so a queue that is deleted and re-declared is a new destination.
 */
public interface Destination {

    /** The queue or exchange name, unique per kind within its virtual host. */
    String name();
}
