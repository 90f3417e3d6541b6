package org.ferrymq.ra.it.payara;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.MessageListener;

import org.ferrymq.ra.it.app.EchoMdb;

/**
 * Payara's annotation way of binding an MDB to the adapter: the {@code resourceAdapter}
 * activation property names the adapter's module, no descriptor needed. Behaves as EchoMdb.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "ferrymq-ra"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.annotated"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class AnnotatedMdb extends EchoMdb implements MessageListener {
}
