package org.ferrymq.tck;

import jakarta.jms.ConnectionFactory;

import org.ferrymq.jms.FerryConnectionFactory;

/**
 * One broker the suite runs against.
 *
 * @param kind              which of the three targets
 * @param brokerUri         the URI the JMS provider connects to
 * @param adminUri          an {@code amqp://} URI of the same broker, used only to delete leftovers
 * @param unavailableReason why the target cannot run (then the tests are skipped), or null
 */
public record Target(TargetKind kind, String brokerUri, String adminUri, String unavailableReason) {

    static Target unavailable(TargetKind kind, String reason) {
        return new Target(kind, null, null, reason);
    }

    public boolean available() {
        return unavailableReason == null;
    }

    /** A fresh factory, so a test may configure it (client ID, prefetch) without touching others. */
    public FerryConnectionFactory factory() {
        return new FerryConnectionFactory(brokerUri);
    }

    public ConnectionFactory plainFactory() {
        return factory();
    }

    @Override
    public String toString() {
        return kind.label();
    }
}
