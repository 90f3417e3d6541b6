package org.ferrymq.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** The per-send settings a producer applies to a message. */
record SendParameters(int deliveryMode, int priority, long timeToLive, long deliveryDelay,
                      boolean disableMessageId, boolean disableTimestamp) {

    static final SendParameters DEFAULTS = new SendParameters(DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 0, 0, false, false);

    void validate() throws JMSException {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + deliveryMode);
        }
        if (priority < 0 || priority > 9) {
            throw new JMSException("priority must be 0..9, was " + priority);
        }
        if (timeToLive < 0) {
            throw new JMSException("time to live must not be negative");
        }
        if (deliveryDelay < 0) {
            throw new JMSException("delivery delay must not be negative");
        }
    }

    SendParameters with(int mode, int prio, long ttl) {
        return new SendParameters(mode, prio, ttl, deliveryDelay, disableMessageId, disableTimestamp);
    }
}
