package org.ferrymq.jms.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** Opens connections that are closed after each test, and deletes the test's AMQP objects. */
@Timeout(60)
abstract class BrokerTestBase {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    protected FerryConnectionFactory factory() {
        return TestBroker.factory();
    }

    protected Connection connect() throws JMSException {
        return track(factory().createConnection());
    }

    protected Connection started() throws JMSException {
        Connection c = connect();
        c.start();
        return c;
    }

    protected <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAndCleanUp() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        TestBroker.cleanUp();
    }
}
