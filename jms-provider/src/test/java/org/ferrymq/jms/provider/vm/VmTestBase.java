package org.ferrymq.jms.provider.vm;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** Opens vm:// JMS connections that are closed after each test. */
@Timeout(60)
abstract class VmTestBase {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    protected Connection connect() throws JMSException {
        return track(VmTestBroker.factory().createConnection());
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
    void closeAll() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        closeables.clear();
    }
}
