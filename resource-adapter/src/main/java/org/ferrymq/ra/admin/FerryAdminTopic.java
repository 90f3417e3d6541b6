package org.ferrymq.ra.admin;

import jakarta.jms.Topic;

/** A JMS Topic as an administered object (property {@code name}: {@code routing.key} on amq.topic, or {@code exchange/routing.key}). */
public class FerryAdminTopic extends AdminDestination implements Topic {
    private static final long serialVersionUID = 1L;

    @Override
    public String getTopicName() {
        return requireName();
    }
}
