package org.ferrymq.ra.admin;

import jakarta.jms.Queue;

/** A JMS Queue as an administered object (property {@code name}: the AMQP queue name). */
public class FerryAdminQueue extends AdminDestination implements Queue {
    private static final long serialVersionUID = 1L;

    @Override
    public String getQueueName() {
        return requireName();
    }
}
