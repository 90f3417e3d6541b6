package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionError;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.Deliveries;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.ferrymq.broker.it.support.RawAmqpClient.Close;
import org.ferrymq.broker.it.support.RawAmqpClient.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Error handling (spec 1.2 reply codes, 4.2.3 framing errors): soft errors close a channel,
 * hard errors and broken framing close the connection, and neither disturbs other connections.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ErrorsIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final byte[] NO_ARGS = new byte[0];

    private static Writer queueDeclare(String name, boolean passive) {
        return new Writer().u16(0).shortStr(name).u8(passive ? 1 : 0).table(NO_ARGS);
    }

    private static Writer basicPublish(String exchange, String key) {
        return new Writer().u16(0).shortStr(exchange).shortStr(key).u8(0);
    }

    private static byte[] contentHeader(int classId, long bodySize) {
        return new Writer().u16(classId).u16(0).u64(bodySize).u16(0).bytes();
    }

    @Test
    void softErrorClosesOnlyTheChannel() throws Exception {
        Connection c = broker.connect();
        Channel failing = c.createChannel();
        Channel bystander = c.createChannel();
        assertChannelError(404, 50, 10, () -> failing.queueDeclarePassive(broker.name("missing")));
        assertThat(failing.isOpen()).isFalse();
        assertThat(bystander.isOpen()).isTrue();
        assertThat(c.isOpen()).isTrue();
        String q = broker.name("q");
        Channel fresh = c.createChannel();
        fresh.queueDeclare(q, false, false, false, null);
        bystander.basicPublish("", q, null, "still works".getBytes());
        assertThat(bystander.basicGet(q, true).getBody()).isEqualTo("still works".getBytes());
    }

    @Test
    void manySoftErrorsInARowLeaveTheConnectionUsable() throws Exception {
        Connection c = broker.connect();
        for (int i = 0; i < 20; i++) {
            Channel ch = c.createChannel();
            assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive(broker.name("missing")));
        }
        assertThat(c.isOpen()).isTrue();
        assertThat(c.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void channelNumberIsReusableAfterASoftError() throws Exception {
        Connection c = broker.connect();
        Channel ch = c.createChannel(7);
        assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive(broker.name("missing")));
        Channel again = c.createChannel(7);
        assertThat(again).isNotNull();
        assertThat(again.queueDeclare().getQueue()).isNotEmpty();
    }

    @Test
    void hardErrorClosesTheConnectionAndAllItsChannels() throws Exception {
        Connection c = broker.connect();
        Channel failing = c.createChannel();
        Channel other = c.createChannel();
        var shutdown = org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf(c);
        assertConnectionError(503, 40, 10, () -> failing.exchangeDeclare(broker.name("x"), "no-such-type"));
        assertThat(org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown(shutdown).isHardError()).isTrue();
        assertThat(c.isOpen()).isFalse();
        assertThat(other.isOpen()).isFalse();
        assertThat(broker.connect().isOpen()).as("other connections still accepted").isTrue();
    }

    @Test
    void channelOpenOnAnOpenChannelIs504() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 20, 10, new Writer().shortStr(""));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(504);
            assertThat(close.replyText()).isEqualTo("CHANNEL_ERROR - second 'channel.open' seen");
            assertThat(close.classId()).isEqualTo(20);
            assertThat(close.methodId()).isEqualTo(10);
        }
    }

    @Test
    void methodOnAnUnopenedChannelIs504() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.sendMethod(5, 50, 10, queueDeclare("brokerit-errors-unopened", true));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(504);
            assertThat(close.replyText()).isEqualTo("CHANNEL_ERROR - expected 'channel.open'");
            assertThat(close.classId()).isEqualTo(50);
            assertThat(close.methodId()).isEqualTo(10);
        }
    }

    @Test
    void serverClosesSocketAfterConnectionCloseOk() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.sendMethod(3, 50, 10, queueDeclare("brokerit-errors-unopened", true));
            raw.expectConnectionClose();
            raw.sendConnectionCloseOk();
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void unknownFrameTypeIsFrameError501() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.sendFrame('X', 1, "junk".getBytes());
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(501);
            assertThat(close.replyText()).startsWith("FRAME_ERROR");
        }
    }

    @Test
    void badFrameEndIsFrameError501() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            byte[] payload = new Writer().u16(20).u16(10).shortStr("").bytes();
            byte[] frame = new Writer().u8(1).u16(1).u32(payload.length).raw(payload).u8(0x00).bytes();
            raw.sendBytes(frame);
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(501);
            assertThat(close.replyText()).startsWith("FRAME_ERROR");
        }
    }

    @Test
    void frameLargerThanNegotiatedFrameMaxIs501() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), 2047, 4096, 0);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, basicPublish("", "brokerit-errors-nowhere"));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(60, 10_000));
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, new byte[10_000]);
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(501);
            // RabbitMQ: "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,10000,4088}"
            assertThat(close.replyText()).startsWith("FRAME_ERROR");
        }
    }

    @Test
    void contentHeaderWithoutMethodIsUnexpectedFrame505() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(60, 1));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(505);
            assertThat(close.replyText()).isEqualTo("UNEXPECTED_FRAME - expected method frame, got non method frame instead");
        }
    }

    @Test
    void contentHeaderOfTheWrongClassIsUnexpectedFrame505() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, basicPublish("", "brokerit-errors-nowhere"));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(50, 1));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(505);
            assertThat(close.replyText()).isEqualTo("UNEXPECTED_FRAME - expected content header for class 60, got one for class 50 instead");
            assertThat(close.classId()).isEqualTo(60);
            assertThat(close.methodId()).isEqualTo(40);
        }
    }

    @Test
    void methodInsteadOfContentHeaderIsUnexpectedFrame505() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, basicPublish("", "brokerit-errors-nowhere"));
            raw.sendMethod(1, 50, 10, queueDeclare("brokerit-errors-x", true));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(505);
            assertThat(close.replyText()).isEqualTo("UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead");
        }
    }

    @Test
    void bodyFrameWithoutContentIsUnexpectedFrame505() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, "stray".getBytes());
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(505);
        }
    }

    @Test
    void methodsOnAClosingChannelAreDiscardedUntilCloseOk() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 50, 10, queueDeclare("brokerit-errors-missing-q", true));
            Close close = raw.expectChannelClose(1);
            assertThat(close.replyCode()).isEqualTo(404);
            // discarded: the channel is closing
            raw.sendMethod(1, 50, 10, queueDeclare("brokerit-errors-missing-q", true));
            raw.sendMethod(1, 20, 41, new Writer());
            raw.openChannel(1);
            raw.sendMethod(1, 50, 10, queueDeclare("", false));
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 50, 11);
        }
    }

    @Test
    void clientChannelCloseIsAnsweredAndTheNumberCanBeReused() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(2);
            raw.sendMethod(2, 20, 40, new Writer().u16(200).shortStr("done").u16(0).u16(0));
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 20, 41);
            raw.openChannel(2);
        }
    }

    @Test
    void garbageOnOneConnectionDoesNotDisturbOthers() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        Deliveries d = Deliveries.consume(broker.connect().createChannel(), q, true);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> vandal = pool.submit(() -> {
                int rounds = 0;
                java.util.Random random = new java.util.Random(1);
                while (!stop.get()) {
                    try (RawAmqpClient raw = broker.raw()) {
                        if (rounds % 2 == 1) {
                            raw.handshake(broker);
                        } else {
                            raw.sendProtocolHeader();
                        }
                        byte[] junk = new byte[1024];
                        random.nextBytes(junk);
                        raw.sendBytes(junk);
                        raw.closedWithin(Duration.ofSeconds(2));
                    } catch (java.io.IOException expected) {
                        // the broker may reset us mid-write
                    }
                    rounds++;
                }
                return rounds;
            });
            for (int i = 0; i < 200; i++) {
                ch.basicPublish("", q, null, Integer.toString(i).getBytes());
                if (i % 50 == 0) {
                    Thread.sleep(50);
                }
            }
            for (int i = 0; i < 200; i++) {
                assertThat(Deliveries.body(d.next())).isEqualTo(Integer.toString(i));
            }
            stop.set(true);
            assertThat(vandal.get(10, TimeUnit.SECONDS)).isPositive();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(ch.getConnection().isOpen()).isTrue();
    }

    @Test
    void garbageRightAfterProtocolHeaderClosesTheSocket() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendProtocolHeader();
            RawAmqpClient.expectMethod(raw.readFrame(), 10, 10);
            raw.sendBytes(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void nonConnectionMethodOnChannelZeroIsAConnectionError() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.sendMethod(0, 50, 10, queueDeclare("brokerit-errors-zero", true));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(504);
            assertThat(close.replyText()).isEqualTo("CHANNEL_ERROR - unexpected method in connection state running");
            assertThat(close.classId()).isEqualTo(50);
            assertThat(close.methodId()).isEqualTo(10);
        }
    }

    @Test
    void unknownMethodIsAConnectionError() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 99, 1, new Writer());
            // RabbitMQ's reader crashes on {unknown_method_id,{99,1}} and drops the socket without a
            // connection.close; a hard-error connection.close before closing is an improvement
            Close close = raw.closeOrEof();
            if (close != null) {
                assertThat(close.replyCode()).isIn(501, 502, 503, 540);
                raw.sendConnectionCloseOk();
            }
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }
}
