package org.ferrymq.broker.amqp.codec;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.netty.buffer.ByteBufUtil;
import org.ferrymq.broker.amqp.codec.AmqpScriptedServer.Capture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients (the RabbitMQ Java client, pika) talk to a server made only of the codec
 * ({@link AmqpScriptedServer}) over a real socket: everything they send must decode, and what
 * the codec writes back must satisfy them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmqpClientCaptureIT {
    private static final Logger log = LoggerFactory.getLogger(AmqpClientCaptureIT.class);
    private static final Path PIKA_PYTHON = Path.of("/usr/bin/python3");

    @Test
    void javaClientHandshakeDeclareAndConfirmedPublish() throws Exception {
        try (AmqpScriptedServer server = new AmqpScriptedServer()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(server.port());
            factory.setRequestedHeartbeat(0);
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(5000);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
                    .deliveryMode(2).priority(4).headers(Map.of("attempt", 1)).messageId("m-1")
                    .timestamp(new Date(1_700_000_000_000L)).build();
            try (Connection connection = factory.newConnection("codec-capture")) {
                Channel channel = connection.createChannel();
                channel.confirmSelect();
                channel.queueDeclare("capture-q", true, false, false, Map.of("x-max-length", 10));
                channel.basicPublish("", "capture-q", true, properties, "hello from java".getBytes(StandardCharsets.UTF_8));
                assertThat(channel.waitForConfirms(5000)).isTrue();
            }
            Capture capture = server.capture(Duration.ofSeconds(10));

            assertThat(capture.header().supported()).isTrue();
            AmqpConnectionStartOk startOk = capture.first(AmqpConnectionStartOk.class);
            assertThat(startOk.mechanism()).isEqualTo("PLAIN");
            assertThat(startOk.response()).isEqualTo("\0guest\0guest".getBytes(StandardCharsets.UTF_8));
            assertThat(startOk.clientProperties()).containsEntry("product", "RabbitMQ")
                    .containsEntry("connection_name", "codec-capture").containsKey("capabilities");
            assertThat(capture.first(AmqpConnectionTuneOk.class).frameMax()).isEqualTo(131072);
            assertThat(capture.first(AmqpConnectionOpen.class).virtualHost()).isEqualTo("/");
            assertThat(capture.first(AmqpQueueDeclare.class))
                    .isEqualTo(new AmqpQueueDeclare("capture-q", false, true, false, false, false, Map.of("x-max-length", 10)));
            AmqpCommand publish = capture.firstWithContent();
            assertThat(publish.method()).isEqualTo(new AmqpBasicPublish("", "capture-q", true, false));
            assertThat(publish.properties()).isEqualTo(new AmqpBasicProperties("text/plain", null, Map.of("attempt", 1),
                    2, 4, null, null, null, "m-1", 1_700_000_000L, null, null, null, null));
            assertThat(new String(publish.body(), StandardCharsets.UTF_8)).isEqualTo("hello from java");
            assertThat(capture.first(AmqpConnectionClose.class).replyCode()).isEqualTo(200);
            log.info("Java client capture ({} bytes): {}", capture.bytes().length, ByteBufUtil.hexDump(capture.bytes()));
        }
    }

    @Test
    void pikaHandshakeDeclareAndPublishWithAllProperties() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PIKA_PYTHON), "no /usr/bin/python3 with pika");
        try (AmqpScriptedServer server = new AmqpScriptedServer()) {
            String script = String.join("\n",
                    "import pika, sys",
                    "params = pika.ConnectionParameters('127.0.0.1', int(sys.argv[1]),",
                    "    credentials=pika.PlainCredentials('guest', 'guest'), heartbeat=0, connection_attempts=1)",
                    "connection = pika.BlockingConnection(params)",
                    "channel = connection.channel()",
                    "channel.queue_declare('pika-q', durable=True, arguments={'x-max-length': 10})",
                    "props = pika.BasicProperties(content_type='text/plain', content_encoding='utf-8',",
                    "    headers={'int': 1, 'str': 'x', 'nested': {'flag': True}, 'list': [1, 'two']},",
                    "    delivery_mode=2, priority=3, correlation_id='c', reply_to='r', expiration='1000',",
                    "    message_id='m', timestamp=1700000000, type='t', user_id='guest', app_id='app')",
                    "channel.basic_publish('', 'pika-q', b'hello from pika', props)",
                    "connection.close()");
            Process pika = new ProcessBuilder(PIKA_PYTHON.toString(), "-c", script, String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            assertThat(pika.waitFor(30, TimeUnit.SECONDS)).as("pika finished").isTrue();
            String output = new String(pika.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(pika.exitValue()).as("pika exit, output: %s", output).isZero();
            Capture capture = server.capture(Duration.ofSeconds(10));

            AmqpConnectionStartOk startOk = capture.first(AmqpConnectionStartOk.class);
            assertThat(startOk.mechanism()).isEqualTo("PLAIN");
            assertThat(startOk.response()).isEqualTo("\0guest\0guest".getBytes(StandardCharsets.UTF_8));
            assertThat(startOk.clientProperties()).containsEntry("product", "Pika Python Client Library");
            assertThat(capture.first(AmqpQueueDeclare.class).arguments().get("x-max-length"))
                    .isInstanceOfSatisfying(Number.class, n -> assertThat(n.longValue()).isEqualTo(10));
            AmqpCommand publish = capture.firstWithContent();
            assertThat(publish.method()).isEqualTo(new AmqpBasicPublish("", "pika-q", false, false));
            AmqpBasicProperties p = publish.properties();
            assertThat(p.withHeaders(null)).isEqualTo(new AmqpBasicProperties("text/plain", "utf-8", null, 2, 3, "c", "r",
                    "1000", "m", 1_700_000_000L, "t", "guest", "app", null));
            assertThat(p.headers()).containsEntry("str", "x").containsEntry("nested", Map.of("flag", true));
            assertThat(((Number) p.headers().get("int")).longValue()).isEqualTo(1);
            assertThat(((List<?>) p.headers().get("list")).get(1)).isEqualTo("two");
            assertThat(new String(publish.body(), StandardCharsets.UTF_8)).isEqualTo("hello from pika");
            assertThat(capture.first(AmqpChannelClose.class).replyCode()).isEqualTo(200);
            assertThat(capture.first(AmqpConnectionClose.class).replyCode()).isEqualTo(200);
            log.info("pika capture ({} bytes): {}", capture.bytes().length, ByteBufUtil.hexDump(capture.bytes()));
        }
    }
}
