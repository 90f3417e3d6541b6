package org.ferrymq.bench.jms;

import jakarta.jms.ConnectionFactory;
import org.ferrymq.jms.FerryConnectionFactory;

/**
 * A provider's two connection factories for the same broker: one whose synchronous PERSISTENT
 * sends wait for the broker (the provider's default, what JMS asks), one whose sends do not
 * ({@code blockOnDurableSend=false}). Each scenario says which it measures.
 */
record DurableSendFactories<F extends ConnectionFactory>(F blocking, F nonBlocking) {

    /** FerryMQ's factory for this URI as configured, and the same config with blockOnDurableSend=false. */
    static DurableSendFactories<FerryConnectionFactory> ferryMq(String uri) {
        FerryConnectionFactory blocking = new FerryConnectionFactory(uri);
        FerryConnectionFactory nonBlocking = new FerryConnectionFactory(blocking.getConfig().toBuilder().blockOnDurableSend(false).build());
        return new DurableSendFactories<>(blocking, nonBlocking);
    }

    F forScenario(JmsScenario scenario) {
        return scenario.blockOnDurableSend() ? blocking : nonBlocking;
    }
}
