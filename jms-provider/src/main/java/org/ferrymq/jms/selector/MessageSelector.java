package org.ferrymq.jms.selector;

import jakarta.jms.Message;

/** A compiled JMS message selector, evaluated on the client against a received message. */
@FunctionalInterface
public interface MessageSelector {
    /** Selects every message: what a null or blank selector means. */
    MessageSelector ALL = message -> true;

    boolean matches(Message message);
}
