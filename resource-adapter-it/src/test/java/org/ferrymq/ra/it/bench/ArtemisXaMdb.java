package org.ferrymq.ra.it.bench;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.jboss.ejb3.annotation.DeliveryActive;

/** The benchmark MDB on WildFly's built-in Artemis (no binding: the server's default activemq-ra), transaction REQUIRED. */
// delivery starts when the harness asks (management start-delivery): the queue is filled first
@DeliveryActive(false)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:global/jms/bench/ArtemisXa"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "15")})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class ArtemisXaMdb extends BenchMdb {
    @Override
    protected String name() {
        return "ArtemisXa";
    }

    @Override
    protected boolean insertsRow() {
        return true;
    }
}
