package org.ferrymq.jms.it.xa;

import java.nio.file.Path;

import org.ferrymq.broker.FerryBroker;

/**
 * The broker of the XA crash tests, in a JVM of its own so the test can SIGKILL it:
 * {@code CrashBrokerMain <dataDir> <port>}; prints {@code READY} once it listens.
 */
public final class CrashBrokerMain {
    private CrashBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(Integer.parseInt(args[1]))
                .dataDir(Path.of(args[0])).start();
        System.out.println("READY " + broker.amqpPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
