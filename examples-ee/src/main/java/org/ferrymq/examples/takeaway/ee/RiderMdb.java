package org.ferrymq.examples.takeaway.ee;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** The riders: their own shared durable subscription to every city's new orders. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "order.created.*"),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "takeaway-riders"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class RiderMdb extends StatusStep {
    @Override
    protected String record(OrderStore store, String id, String city, String dish) {
        store.rider(id, city, dish, "on the way");
        return "order " + id + ": a rider is on the way";
    }
}
