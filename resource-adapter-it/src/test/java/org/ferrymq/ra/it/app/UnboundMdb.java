package org.ferrymq.ra.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * No binding at all (no annotation, no jboss-ejb3.xml): it uses the EJB subsystem's default
 * resource adapter, FerryMQ once ferrymq-install.cli has run. Reports like {@link EchoMdb}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/ferrymq/queue/orders"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class UnboundMdb extends EchoMdb {
}
