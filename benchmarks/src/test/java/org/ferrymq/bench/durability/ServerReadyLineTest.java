package org.ferrymq.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServerReadyLineTest {

    @Test
    void theServersReadyLineGivesAUriWithTheDefaultCredentials() {
        assertEquals(Optional.of("amqp://guest:guest@127.0.0.1:41234"),
                ServerReadyLine.amqpUri("FerryMQ ready: amqp://127.0.0.1:41234 (data dir /work/x/recovery-1-clean)"));
        assertEquals(Optional.of("amqp://guest:guest@[::1]:5672"),
                ServerReadyLine.amqpUri("FerryMQ ready: amqp://[::1]:5672 (data dir data)"));
    }

    @Test
    void logLinesAreNotReadyLines() {
        assertTrue(ServerReadyLine.amqpUri("12:16:58.120 INFO  o.f.broker.FerryBroker - FerryMQ ready soon").isEmpty());
        assertTrue(ServerReadyLine.amqpUri("ferrymq: cannot listen on 127.0.0.1:5672: address already in use").isEmpty());
    }
}
