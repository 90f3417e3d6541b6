package org.ferrymq.jms.destination;

import jakarta.jms.JMSException;

/** What a temporary destination calls to delete itself: its connection. */
@FunctionalInterface
public interface TemporaryDeleter {
    void delete(FerryDestination destination) throws JMSException;
}
