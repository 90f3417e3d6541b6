package org.ferrymq.examples.jms.workqueue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** A task as a worker saw it: its text and whether the broker had delivered it before. */
public record Task(String body, boolean redelivered) {

    public static Task from(Message message) throws JMSException {
        return new Task(message.getBody(String.class), message.getJMSRedelivered());
    }
}
