package org.ferrymq.ra.it.bench;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.jboss.ejb3.annotation.DeliveryActive;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** The benchmark MDB on FerryMQ through its resource adapter (bound by @ResourceAdapter), transaction REQUIRED. */
// delivery starts when the harness asks (management start-delivery): the queue is filled first
@DeliveryActive(false)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "bench.ferry.xa"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "15")})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
@ResourceAdapter("ferrymq-ra.rar")
public class FerryXaMdb extends BenchMdb {
    @Override
    protected String name() {
        return "FerryXa";
    }

    @Override
    protected boolean insertsRow() {
        return true;
    }
}
