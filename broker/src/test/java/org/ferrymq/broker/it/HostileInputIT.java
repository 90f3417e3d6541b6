package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.rabbitmq.client.Channel;
import io.netty.buffer.PooledByteBufAllocator;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.PeerBroker;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.ferrymq.broker.it.support.RawAmqpClient.Close;
import org.ferrymq.broker.it.support.RawAmqpClient.Writer;
import org.ferrymq.broker.leak.LeakCheckExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Hostile input over real sockets (issue 14, items 16, 18, 20): content frames where nobody
 * assembles them must not leak direct memory, deeply nested field tables must not overflow a
 * network thread's stack, and sockets reset under a write must not release a buffer twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> { });

    private static final byte[] BODY = new byte[100_000];

    private RawAmqpClient opened() throws IOException {
        RawAmqpClient raw = broker.raw();
        raw.handshake(broker);
        return raw;
    }

    /** Sends body frames nobody assembles, by every path the issue names, many times. */
    private void contentFramesNobodyAssembles(int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            switch (i % 6) {
                case 0 -> { // before tune-ok: at most 4096 bytes, the socket is closed
                    try (RawAmqpClient raw = broker.raw()) {
                        raw.sendProtocolHeader();
                        raw.readFrame();
                        raw.sendMethod(0, 10, 11, new Writer().table(RawAmqpClient.CLIENT_PROPERTIES).shortStr("PLAIN")
                                .longStr("\0guest\0guest".getBytes(StandardCharsets.UTF_8)).shortStr("en_US"));
                        raw.readFrame();
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, new byte[4000]);
                        raw.closeOrEof();
                    }
                }
                case 1 -> { // after tune-ok, before connection.open
                    try (RawAmqpClient raw = broker.raw()) {
                        raw.negotiate(broker.username(), broker.password(), 2047, 131072, 0);
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, BODY);
                        assertThat(raw.expectConnectionClose().replyCode()).isEqualTo(505);
                    }
                }
                case 2 -> { // on channel 0
                    try (RawAmqpClient raw = opened()) {
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 0, BODY);
                        assertThat(raw.expectConnectionClose().replyCode()).isEqualTo(505);
                    }
                }
                case 3 -> { // on a channel never opened
                    try (RawAmqpClient raw = opened()) {
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 9, BODY);
                        assertThat(raw.expectConnectionClose().replyCode()).isEqualTo(505);
                    }
                }
                case 4 -> { // while the connection is closing: after the broker's connection.close
                    try (RawAmqpClient raw = opened()) {
                        // 505: a content header on channel 0 (the decoder goes on; the connection is closing)
                        raw.sendFrame(RawAmqpClient.FRAME_HEADER, 0, new Writer().u16(60).u16(0).u64(3).u16(0).bytes());
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, BODY);
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 0, BODY);
                        raw.expectConnectionClose();
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, BODY);
                        raw.sendConnectionCloseOk();
                        raw.closedWithin(Duration.ofSeconds(5));
                    }
                }
                default -> { // while a channel is closing: content after the broker's channel.close
                    try (RawAmqpClient raw = opened()) {
                        raw.openChannel(1);
                        raw.sendMethod(1, 60, 40, new Writer().u16(0).shortStr("no-such-exchange").shortStr("k").u8(0));
                        raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, new Writer().u16(60).u16(0).u64(3).u16(0).bytes());
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, "abc".getBytes(StandardCharsets.US_ASCII));
                        raw.sendMethod(1, 60, 40, new Writer().u16(0).shortStr("").shortStr("k").u8(0));
                        raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1,
                                new Writer().u16(60).u16(0).u64(BODY.length).u16(0).bytes());
                        raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, BODY);
                        assertThat(raw.expectChannelClose(1).replyCode()).isEqualTo(404);
                    }
                }
            }
        }
    }

    @Test
    void contentFramesThatAreNeverAssembledAreReleased() throws Exception {
        contentFramesNobodyAssembles(60); // warm up the allocator's pools and caches
        LeakCheckExtension.collect();
        long before = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        contentFramesNobodyAssembles(420); // 350 of them with 100 kB bodies: 35 MB if they leaked
        long grown = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - before;
        assertThat(grown).as("direct memory grown by (bytes)").isLessThan(12L << 20);
        assertThat(LeakCheckExtension.collect()).as("Netty leak reports").isEmpty();
        // and the broker still serves
        Channel ch = broker.channel();
        assertThat(ch.queueDeclare().getQueue()).isNotEmpty();
    }

    // ---- 18: nesting -----------------------------------------------------------------------

    /** queue.declare (passive off, auto-delete) with an x-argument nested {@code depth} arrays deep. */
    private static void declareNested(RawAmqpClient raw, String queue, int depth, boolean tables) throws IOException {
        byte[] value = {'V'};
        for (int i = 0; i < depth; i++) {
            value = tables
                    ? new Writer().u8('F').longStr(new Writer().shortStr("k").raw(value).bytes()).bytes()
                    : new Writer().u8('A').longStr(value).bytes();
        }
        raw.sendMethod(1, 50, 10, new Writer().u16(0).shortStr(queue).u8(0x08)
                .table(new Writer().shortStr("x-nested").raw(value).bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FerryMQ", "RabbitMQ"})
    void moderatelyNestedArgumentsAreAccepted(String target) throws Exception {
        try (RawAmqpClient raw = target.equals("FerryMQ") ? broker.raw() : PeerBroker.raw()) {
            if (target.equals("FerryMQ")) {
                raw.handshake(broker);
            } else {
                raw.handshake(PeerBroker.username(), PeerBroker.password(), "/", 2047, 131072, 0);
            }
            raw.openChannel(1);
            String queue = "hostile-nested-" + System.nanoTime();
            declareNested(raw, queue, 100, false); // 101 levels with the arguments table
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 50, 11);
        }
    }

    @Test
    void deeplyNestedTablesAndArraysAreAClearFrameError() throws Exception {
        for (int depth : new int[] {128, 15_000}) {
            for (boolean tables : new boolean[] {false, true}) {
                try (RawAmqpClient raw = opened()) {
                    raw.openChannel(1);
                    declareNested(raw, "hostile-deep", depth, tables);
                    Close close = raw.expectConnectionClose();
                    assertThat(close.replyCode()).isEqualTo(501);
                    assertThat(close.replyText()).isEqualTo("FRAME_ERROR - field table or array nested deeper than 128 levels");
                }
            }
        }
        try (RawAmqpClient raw = opened()) { // headers in a content header frame too
            raw.openChannel(1);
            byte[] value = {'V'};
            for (int i = 0; i < 20_000; i++) {
                value = new Writer().u8('A').longStr(value).bytes();
            }
            byte[] headers = new Writer().shortStr("h").raw(value).bytes();
            raw.sendMethod(1, 60, 40, new Writer().u16(0).shortStr("").shortStr("k").u8(0));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1,
                    new Writer().u16(60).u16(0).u64(0).u16(0x2000).table(headers).bytes());
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(501);
        }
        Channel ch = broker.channel(); // the network threads are fine
        assertThat(ch.queueDeclare().getQueue()).isNotEmpty();
    }

    // ---- 20: a write failing at once ----------------------------------------------------------

    /** Records what the broker logs at WARN and above. */
    static final class LogRecorder extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String thrown = event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName()
                    + ": " + event.getThrowableProxy().getMessage();
            lines.add(event.getFormattedMessage() + thrown);
        }
    }

    @Test
    void socketsResetWhileTheBrokerWritesReleaseEachBufferOnce() throws Exception {
        LogRecorder recorder = new LogRecorder();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        recorder.start();
        root.addAppender(recorder);
        try {
            String queue = broker.name("reset");
            Channel publisher = broker.channel();
            publisher.queueDeclare(queue, false, false, false, null);
            byte[] payload = new byte[20_000];
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 50; i++) {
                    publisher.basicPublish("", queue, null, payload);
                }
                try (RawAmqpClient raw = opened()) {
                    raw.openChannel(1);
                    // consume: the broker starts writing deliveries, and the socket is reset under it
                    raw.sendMethod(1, 60, 20, new Writer().shortStr(queue).shortStr("").u8(0).table(new byte[0]));
                    raw.readNonHeartbeat();
                    resetHard(raw);
                }
            }
            Thread.sleep(500);
        } finally {
            root.detachAppender(recorder);
        }
        assertThat(recorder.lines).noneMatch(line -> line.contains("IllegalReferenceCount") || line.contains("refCnt"));
        assertThat(LeakCheckExtension.collect()).isEmpty();
    }

    /** Closes with an RST (SO_LINGER 0), so the broker's next write fails at once. */
    private static void resetHard(RawAmqpClient raw) throws Exception {
        java.lang.reflect.Field f = RawAmqpClient.class.getDeclaredField("socket");
        f.setAccessible(true);
        Socket socket = (Socket) f.get(raw);
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
