package org.ferrymq.ra.it.bench;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.jboss.ejb3.annotation.DeliveryActive;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** The benchmark MDB on FerryMQ through its resource adapter (bound by @ResourceAdapter), transaction NOT_SUPPORTED. */
// delivery starts when the harness asks (management start-delivery): the queue is filled first
@DeliveryActive(false)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "bench.ferry.notx"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "15")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ResourceAdapter("ferrymq-ra.rar")
public class FerryNoTxMdb extends BenchMdb {
    @Override
    protected String name() {
        return "FerryNoTx";
    }

    @Override
    protected boolean insertsRow() {
        return false;
    }
}
