package org.ferrymq.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalChannel;
import org.ferrymq.broker.amqp.codec.AmqpBasicGet;
import org.ferrymq.broker.amqp.codec.AmqpBasicGetOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.amqp.codec.AmqpBasicPublish;
import org.ferrymq.broker.amqp.codec.AmqpChannelClose;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpen;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpenOk;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpConnectionOpen;
import org.ferrymq.broker.amqp.codec.AmqpConnectionOpenOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionStart;
import org.ferrymq.broker.amqp.codec.AmqpConnectionStartOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionTune;
import org.ferrymq.broker.amqp.codec.AmqpConnectionTuneOk;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpProtocolHeader;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeclare;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeclareOk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The in-process transport: the same AMQP semantics over a Netty LocalChannel, as command objects. */
@Timeout(30)
class InProcessConnectionIT {
    @TempDir
    Path dataDir;

    @Test
    void handshakeDeclarePublishGetAndASoftErrorOverCommandObjects() throws Exception {
        EventLoopGroup group = new DefaultEventLoopGroup(1);
        BlockingQueue<AmqpCommand> received = new LinkedBlockingQueue<>();
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start()) {
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            for (Object command : (List<?>) msg) {
                                received.add((AmqpCommand) command);
                            }
                        }
                    })
                    .connect(broker.localAddress()).sync().channel();
            client.writeAndFlush(new AmqpProtocolHeader(true, new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}));
            expect(received, AmqpConnectionStart.class);
            send(client, 0, new AmqpConnectionStartOk(Map.of(), "PLAIN",
                    "\0guest\0guest".getBytes(StandardCharsets.UTF_8), "en_US"));
            expect(received, AmqpConnectionTune.class);
            send(client, 0, new AmqpConnectionTuneOk(2047, 0, 0));
            send(client, 0, new AmqpConnectionOpen("/"));
            expect(received, AmqpConnectionOpenOk.class);
            send(client, 1, new AmqpChannelOpen());
            expect(received, AmqpChannelOpenOk.class);
            send(client, 1, new AmqpQueueDeclare("local", false, false, false, false, false, Map.of()));
            assertThat(expect(received, AmqpQueueDeclareOk.class).queue()).isEqualTo("local");
            byte[] body = "by reference".getBytes(StandardCharsets.UTF_8);
            AmqpBasicProperties props = AmqpBasicProperties.EMPTY.withDeliveryMode(1);
            client.writeAndFlush(new AmqpCommand(1, new AmqpBasicPublish("", "local", false, false), props,
                    props.encode(), body));
            send(client, 1, new AmqpBasicGet("local", true));
            AmqpCommand getOk = received.poll(5, TimeUnit.SECONDS);
            assertThat(getOk.method()).isInstanceOf(AmqpBasicGetOk.class);
            assertThat(getOk.body()).isSameAs(body); // passed by reference, never serialized
            // no socket, no octets: management shows an in-process connection's recv_oct/send_oct as 0
            var local = broker.management().connections().get(0).connection();
            assertThat(local.traffic().recvOct()).isZero();
            assertThat(local.traffic().sendOct()).isZero();
            assertThat(local.traffic().recvCnt()).isZero();
            // nor TLS: RabbitMQ's ssl is false, its ssl_* and peer_cert_* fields null
            assertThat(local.tls()).isFalse();
            assertThat(local.tlsSession()).isNull();
            send(client, 1, new AmqpBasicGet("no-such-queue", true));
            AmqpChannelClose close = expect(received, AmqpChannelClose.class);
            assertThat(close.replyCode()).isEqualTo(404);
            client.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void send(Channel client, int channel, AmqpMethod method) {
        client.writeAndFlush(AmqpCommand.of(channel, method));
    }

    private static <T extends AmqpMethod> T expect(BlockingQueue<AmqpCommand> received, Class<T> type) throws InterruptedException {
        AmqpCommand command = received.poll(5, TimeUnit.SECONDS);
        assertThat(command).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(command.method()).isInstanceOf(type);
        return type.cast(command.method());
    }
}
