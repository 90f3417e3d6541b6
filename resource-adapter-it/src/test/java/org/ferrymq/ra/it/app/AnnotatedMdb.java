package org.ferrymq.ra.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Bound to FerryMQ by WildFly's per-bean annotation {@code @ResourceAdapter("ferrymq-ra.rar")}:
 * no jboss-ejb3.xml in its module. Reports like {@link EchoMdb}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.annotated"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@ResourceAdapter("ferrymq-ra.rar")
public class AnnotatedMdb extends EchoMdb {
}
