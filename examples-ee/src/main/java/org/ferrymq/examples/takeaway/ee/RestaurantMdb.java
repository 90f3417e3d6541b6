package org.ferrymq.examples.takeaway.ee;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * The kitchen: every new order of every city, one shared durable subscription (orders wait in it
 * while the application is undeployed), four orders cooked at once.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "order.created.*"),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "takeaway-restaurant"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class RestaurantMdb extends StatusStep {
    @Override
    protected String record(OrderStore store, String id, String city, String dish) {
        store.restaurant(id, city, dish, "accepted");
        return "order " + id + ": accepted by the restaurant";
    }
}
