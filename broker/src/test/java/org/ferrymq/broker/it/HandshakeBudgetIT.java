package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections that have not logged in have their own small budget (issue 14, item 19): sockets
 * held open without credentials cannot take the places of clients that log in, and while the
 * budget is half used or more, new ones get the short handshake timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeBudgetIT {
    private static final int CONNECTION_MAX = 5;
    private static final int UNAUTHENTICATED_MAX = 4;

    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> b.maxConnections(CONNECTION_MAX)
            .unauthenticatedConnectionMax(UNAUTHENTICATED_MAX).handshakeTimeoutMillis(20_000)
            .pressuredHandshakeTimeoutMillis(1_500));

    @Test
    void silentSocketsCannotLockOutClientsThatLogIn() throws Exception {
        Thread.sleep(500); // the other test's socket has left the handshake budget
        List<RawAmqpClient> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                RawAmqpClient raw = broker.raw();
                silent.add(raw);
                raw.sendBytes(new byte[] {'A', 'M'}); // half a protocol header, then nothing
                Thread.sleep(30); // accepted in order
            }
            // beyond the budget of 4: closed on accept (which four is up to the event loops' order)
            Thread.sleep(300);
            List<RawAmqpClient> held = new ArrayList<>();
            for (RawAmqpClient raw : silent) {
                if (!raw.closedWithin(Duration.ofMillis(50))) {
                    held.add(raw);
                }
            }
            assertThat(held).as("sockets held in the handshake").hasSize(UNAUTHENTICATED_MAX);
            // two came while half the budget was used: they get the short timeout (1.5 s), the others 20 s
            int closedSoon = 0;
            for (RawAmqpClient raw : held) {
                if (raw.closedWithin(Duration.ofMillis(2500))) {
                    closedSoon++;
                }
            }
            assertThat(closedSoon).as("sockets closed by the short handshake timeout").isEqualTo(UNAUTHENTICATED_MAX / 2);

            // ...and do not count toward connection_max: five clients log in beside them
            for (int i = 0; i < CONNECTION_MAX; i++) {
                Connection c = broker.connect();
                assertThat(c.isOpen()).isTrue();
            }
            // the sixth logged-in connection is over connection_max
            assertThatThrownBy(broker::connect).isInstanceOf(IOException.class);
            assertThat(broker.broker().resourceUsage()).isNotNull();
        } finally {
            for (RawAmqpClient raw : silent) {
                raw.close();
            }
        }
    }

    @Test
    void aHandshakeThatIsNotCompletedInTimeIsClosed() throws Exception {
        // a lone socket gets the full timeout: 20 s here, so it is still open after 2 s
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendProtocolHeader();
            raw.readFrame(); // connection.start, then nothing
            assertThat(raw.closedWithin(Duration.ofSeconds(2))).isFalse();
        }
    }
}
