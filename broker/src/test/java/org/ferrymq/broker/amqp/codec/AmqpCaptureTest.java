package org.ferrymq.broker.amqp.codec;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.hex;

/**
 * Byte captures of real peers, decoded without a socket: what pika 1.2 and the RabbitMQ Java
 * client 5.22 sent to {@link AmqpScriptedServer} and what RabbitMQ 3.10 sent to
 * {@link AmqpSocketPeer} (recorded by {@code AmqpClientCaptureIT} / {@code AmqpRabbitMqOracleIT}).
 */
@Timeout(10)
class AmqpCaptureTest {
    /** pika 1.2.0: header, start-ok (PLAIN), tune-ok, open, channel.open, queue.declare, publish + content, closes. */
    static final String PIKA_SESSION =
            "414d51500000090101000000000122000a000b000000fe0770726f64756374530000001a50696b6120507974686f6e20436c"
            + "69656e74204c69627261727908706c6174666f726d530000000d507974686f6e20332e31312e320c6361706162696c697469"
            + "6573460000006f1c61757468656e7469636174696f6e5f6661696c7572655f636c6f736574010a62617369632e6e61636b74"
            + "0112636f6e6e656374696f6e2e626c6f636b6564740116636f6e73756d65725f63616e63656c5f6e6f746966797401127075"
            + "626c69736865725f636f6e6669726d7374010b696e666f726d6174696f6e530000001853656520687474703a2f2f70696b61"
            + "2e727466642e6f72670776657273696f6e5300000005312e322e3005504c41494e0000000c00677565737400677565737405"
            + "656e5f5553ce0100000000000c000a001f07ff000200000000ce01000000000008000a0028012f0001ce0100010000000500"
            + "14000a00ce010001000000240032000a00000670696b612d7102000000120c782d6d61782d6c656e677468490000000ace01"
            + "00010000000f003c00280000000670696b612d7100ce02000100000081003c0000000000000000000ffff80a746578742f70"
            + "6c61696e057574662d380000003d03696e74490000000103737472530000000178066e6573746564460000000704666c6167"
            + "7401046c697374410000000d4900000001530000000374776f0203016301720431303030016d000000006553f10001740567"
            + "7565737403617070ce0300010000000f68656c6c6f2066726f6d2070696b61ce0100010000001a0014002800c80f4e6f726d"
            + "616c2073687574646f776e00000000ce0100000000001a000a003200c80f4e6f726d616c2073687574646f776e00000000ce";

    /** RabbitMQ Java client 5.22.0: the same with confirm.select and mandatory publish. */
    static final String JAVA_CLIENT_SESSION =
            "414d515000000901010000000001b1000a000b0000018d0f636f6e6e656374696f6e5f6e616d65530000000d636f6465632d"
            + "636170747572650770726f6475637453000000085261626269744d5109636f70797269676874530000003e436f7079726967"
            + "68742028632920323030372d323032342042726f6164636f6d20496e632e20616e642f6f7220697473207375627369646961"
            + "726965732e0c6361706162696c6974696573460000008c1a65786368616e67655f65786368616e67655f62696e64696e6773"
            + "740112636f6e6e656374696f6e2e626c6f636b656474011c61757468656e7469636174696f6e5f6661696c7572655f636c6f"
            + "736574010a62617369632e6e61636b7401127075626c69736865725f636f6e6669726d73740116636f6e73756d65725f6361"
            + "6e63656c5f6e6f7469667974010b696e666f726d6174696f6e53000000354c6963656e73656420756e64657220746865204d"
            + "504c2e205365652068747470733a2f2f7777772e7261626269746d712e636f6d2f0776657273696f6e5300000006352e3232"
            + "2e3008706c6174666f726d53000000044a61766105504c41494e0000000c00677565737400677565737405656e5f5553ce01"
            + "00000000000c000a001f07ff000200000000ce01000000000008000a0028012f0000ce010001000000050014000a00ce0100"
            + "01000000050055000a00ce010001000000270032000a000009636170747572652d7102000000120c782d6d61782d6c656e67"
            + "7468490000000ace01000100000012003c002800000009636170747572652d7101ce02000100000038003c00000000000000"
            + "00000fb8c00a746578742f706c61696e0000000d07617474656d707449000000010204036d2d31000000006553f100ce0300"
            + "010000000f68656c6c6f2066726f6d206a617661ce0100000000000d000a003200c8024f4b00000000ce";

    /** RabbitMQ 3.10.8's connection.start. */
    static final String RABBITMQ_START =
            "010000000001f6000a000a0009000001d10c6361706162696c697469657346000000c7127075626c69736865725f636f6e66"
            + "69726d7374011a65786368616e67655f65786368616e67655f62696e64696e677374010a62617369632e6e61636b74011663"
            + "6f6e73756d65725f63616e63656c5f6e6f74696679740112636f6e6e656374696f6e2e626c6f636b6564740113636f6e7375"
            + "6d65725f7072696f72697469657374011c61757468656e7469636174696f6e5f6661696c7572655f636c6f73657401107065"
            + "725f636f6e73756d65725f716f7374010f6469726563745f7265706c795f746f74010c636c75737465725f6e616d65530000"
            + "000f66657272796d712d7065657240766d09636f707972696768745300000037436f70797269676874202863292032303037"
            + "2d3230323220564d776172652c20496e632e206f722069747320616666696c69617465732e0b696e666f726d6174696f6e53"
            + "000000394c6963656e73656420756e64657220746865204d504c20322e302e20576562736974653a2068747470733a2f2f72"
            + "61626269746d712e636f6d08706c6174666f726d530000001145726c616e672f4f54502032352e322e330770726f64756374"
            + "53000000085261626269744d510776657273696f6e5300000006332e31302e380000000e504c41494e20414d51504c41494e"
            + "00000005656e5f5553ce";

    /** RabbitMQ 3.10.8's basic.get-ok and content header for a message published with many properties. */
    static final String RABBITMQ_GET_OK =
            "01000100000031003c0047000000000000000100001e616d712e67656e2d434577415a33766361572d7932786e437a656f77"
            + "6c4100000000ce0200010000016a003c00000000000000002710fff8186170706c69636174696f6e2f6f637465742d737472"
            + "65616d086964656e74697479000000fe0d782d6d6573736167652d74746c490000ea6012782d6d61782d6c656e6774682d62"
            + "797465736c00000100000000000c782d71756575652d74797065530000000a636c61737369632dc3a904666c616774000462"
            + "79746562fd0573686f727473fed405666c6f6174663fc0000006646f75626c6564c00200000000000007646563696d616c44"
            + "0300003039047768656e54000000006553f100076e6f7468696e67560c6361706162696c6974696573460000002012707562"
            + "6c69736865725f636f6e6669726d7374010564657074684900000002046c6973744100000015530000000161490000000141"
            + "00000000460000000005656d7074794600000000010504636f7272057265706c790536303030300469642d31000000006553"
            + "f10004747970650567756573740c636f6465632d6f7261636c65ce";

    private static List<AmqpCommand> commands(String hex) {
        EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(131072));
        channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(hex(hex)));
        List<Object> frames = AmqpCodecTestSupport.drain(channel);
        assertThat(frames.get(0)).isEqualTo(new AmqpProtocolHeader(true, AmqpFrameWriter.PROTOCOL_HEADER));
        AmqpCommandAssembler[] assemblers = {new AmqpCommandAssembler(1 << 20), new AmqpCommandAssembler(1 << 20)};
        List<AmqpCommand> commands = new ArrayList<>();
        for (Object frame : frames.subList(1, frames.size())) {
            assertThat(frame).isNotInstanceOf(AmqpBadFrame.class);
            AmqpCommand command = assemblers[((AmqpFrame) frame).channel()].accept((AmqpFrame) frame);
            io.netty.util.ReferenceCountUtil.release(frame);
            if (command != null) {
                commands.add(command);
            }
        }
        assertThat(channel.finish()).isFalse();
        return commands;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> table(Object value) {
        return (Map<K, V>) value;
    }

    /** Decodes frames a server sent (no protocol header first). */
    private static List<Object> serverFrames(String hex) {
        EmbeddedChannel channel = AmqpCodecTestSupport.decoderChannel(0);
        channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(hex(hex)));
        List<Object> frames = AmqpCodecTestSupport.drain(channel);
        assertThat(channel.finish()).isFalse();
        return frames;
    }

    @Test
    void pikaSession() {
        List<AmqpCommand> commands = commands(PIKA_SESSION);
        assertThat(commands).extracting(c -> c.method().amqpName()).containsExactly("connection.start-ok",
                "connection.tune-ok", "connection.open", "channel.open", "queue.declare", "basic.publish",
                "channel.close", "connection.close");
        AmqpConnectionStartOk startOk = (AmqpConnectionStartOk) commands.get(0).method();
        assertThat(startOk.mechanism()).isEqualTo("PLAIN");
        assertThat(startOk.response()).isEqualTo("\0guest\0guest".getBytes(StandardCharsets.UTF_8));
        assertThat(startOk.locale()).isEqualTo("en_US");
        assertThat(startOk.clientProperties()).containsEntry("product", "Pika Python Client Library")
                .containsEntry("version", "1.2.0");
        assertThat(commands.get(1).method()).isEqualTo(new AmqpConnectionTuneOk(2047, 131072, 0));
        assertThat(commands.get(2).method()).isEqualTo(new AmqpConnectionOpen("/")); // pika sets the reserved insist bit
        assertThat(commands.get(4).method()).isEqualTo(
                new AmqpQueueDeclare("pika-q", false, true, false, false, false, Map.of("x-max-length", 10)));
        AmqpCommand publish = commands.get(5);
        assertThat(publish.properties().withHeaders(null)).isEqualTo(new AmqpBasicProperties("text/plain", "utf-8",
                null, 2, 3, "c", "r", "1000", "m", 1_700_000_000L, "t", "guest", "app", null));
        assertThat(publish.properties().headers()).containsEntry("int", 1).containsEntry("str", "x")
                .containsEntry("nested", Map.of("flag", true)).containsEntry("list", List.of(1, "two"));
        assertThat(publish.properties().encode()).isEqualTo(publish.rawProperties());
        assertThat(new String(publish.body(), StandardCharsets.UTF_8)).isEqualTo("hello from pika");
        assertThat(commands.get(7).method()).isEqualTo(new AmqpConnectionClose(200, "Normal shutdown", 0, 0));
    }

    @Test
    void javaClientSession() {
        List<AmqpCommand> commands = commands(JAVA_CLIENT_SESSION);
        assertThat(commands).extracting(c -> c.method().amqpName()).containsExactly("connection.start-ok",
                "connection.tune-ok", "connection.open", "channel.open", "confirm.select", "queue.declare",
                "basic.publish", "connection.close");
        AmqpConnectionStartOk startOk = (AmqpConnectionStartOk) commands.get(0).method();
        assertThat(startOk.clientProperties()).containsEntry("product", "RabbitMQ")
                .containsEntry("connection_name", "codec-capture");
        assertThat(AmqpCaptureTest.<String, Object>table(startOk.clientProperties().get("capabilities")))
                .containsEntry("publisher_confirms", true).containsEntry("authentication_failure_close", true);
        AmqpCommand publish = commands.get(6);
        assertThat(publish.method()).isEqualTo(new AmqpBasicPublish("", "capture-q", true, false));
        assertThat(publish.properties()).isEqualTo(new AmqpBasicProperties("text/plain", null, Map.of("attempt", 1),
                2, 4, null, null, null, "m-1", 1_700_000_000L, null, null, null, null));
        assertThat(publish.properties().encode()).isEqualTo(publish.rawProperties());
        assertThat(commands.get(7).method()).isEqualTo(new AmqpConnectionClose(200, "OK", 0, 0));
    }

    @Test
    void rabbitMqConnectionStart() {
        List<Object> frames = serverFrames(RABBITMQ_START);
        AmqpConnectionStart start = (AmqpConnectionStart) ((AmqpMethodFrame) frames.get(0)).method();
        assertThat(start.versionMajor()).isZero();
        assertThat(start.versionMinor()).isEqualTo(9);
        assertThat(start.mechanisms()).isEqualTo("PLAIN AMQPLAIN");
        assertThat(start.locales()).isEqualTo("en_US");
        assertThat(start.serverProperties()).containsEntry("product", "RabbitMQ").containsEntry("version", "3.10.8");
        assertThat(AmqpCaptureTest.<String, Object>table(start.serverProperties().get("capabilities"))).containsEntry("per_consumer_qos", true)
                .containsEntry("direct_reply_to", true).hasSize(9);
        // and our writer produces exactly RabbitMQ's bytes for the same method
        assertThat(AmqpCodecTestSupport.methodFrame(0, start)).isEqualTo(hex(RABBITMQ_START));
    }

    @Test
    void rabbitMqGetOkWithProperties() {
        List<Object> frames = serverFrames(RABBITMQ_GET_OK);
        AmqpBasicGetOk getOk = (AmqpBasicGetOk) ((AmqpMethodFrame) frames.get(0)).method();
        assertThat(getOk.deliveryTag()).isEqualTo(1);
        assertThat(getOk.routingKey()).startsWith("amq.gen-");
        assertThat(getOk.messageCount()).isZero();
        AmqpContentHeaderFrame header = (AmqpContentHeaderFrame) frames.get(1);
        assertThat(header.bodySize()).isEqualTo(10_000);
        assertThat(header.properties().headers()).isEqualTo(AmqpCodecTestSupport.sampleTable());
        assertThat(header.properties().userId()).isEqualTo("guest");
        assertThat(header.properties().appId()).isEqualTo("codec-oracle");
        assertThat(header.properties().encode()).isEqualTo(header.rawProperties());
    }
}
