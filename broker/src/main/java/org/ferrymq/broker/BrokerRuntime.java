package org.ferrymq.broker;

import org.ferrymq.broker.config.BrokerConfig;

/** The running parts of a broker, wired together: model, listener, threads. */
final class BrokerRuntime implements AutoCloseable {
    static BrokerRuntime start(BrokerConfig config) {
        throw new UnsupportedOperationException("the AMQP server is being wired up");
    }

    int amqpPort() {
        return 0;
    }

    @Override
    public void close() {
    }
}
