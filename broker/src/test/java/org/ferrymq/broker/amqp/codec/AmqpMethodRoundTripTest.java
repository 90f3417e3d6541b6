package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.Fill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.decode;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.decoderChannel;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.methodFrame;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.sample;

@Timeout(10)
class AmqpMethodRoundTripTest {

    static Stream<Arguments> everyMethodAndFill() {
        return AmqpMethodTable.ALL.stream()
                .flatMap(type -> Arrays.stream(Fill.values()).map(fill -> Arguments.of(type.getSimpleName(), type, fill)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyMethodAndFill")
    void everyMethodSurvivesWriterAndDecoder(String name, Class<? extends AmqpMethod> type, Fill fill) {
        AmqpMethod method = sample(type, fill);
        EmbeddedChannel channel = decoderChannel(0);

        List<Object> frames = decode(channel, methodFrame(7, method));

        assertThat(frames).containsExactly(new AmqpMethodFrame(7, method));
        assertThat(frames.get(0).hashCode()).isEqualTo(new AmqpMethodFrame(7, method).hashCode());
        AmqpCodecTestSupport.finish(channel);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyMethodAndFill")
    void argumentsAreConsumedExactly(String name, Class<? extends AmqpMethod> type, Fill fill) {
        AmqpMethod method = sample(type, fill);
        ByteBuf arguments = Unpooled.buffer();
        method.writeArguments(arguments);

        AmqpMethod decoded = AmqpMethodDecoder.decode(method.classId(), method.methodId(), arguments);

        assertThat(decoded).isEqualTo(method);
        assertThat(arguments.isReadable()).isFalse();
        arguments.release();
    }

    @Test
    void theSpecHasSixtySixMethodsAndEachRecordDescribesItself() throws Exception {
        assertThat(AmqpMethodTable.ALL).hasSize(66);
        for (Class<? extends AmqpMethod> type : AmqpMethodTable.ALL) {
            AmqpMethod method = sample(type, Fill.EMPTY);
            assertThat(type.getField("CLASS_ID").getInt(null)).isEqualTo(method.classId());
            assertThat(type.getField("METHOD_ID").getInt(null)).isEqualTo(method.methodId());
            assertThat(AmqpMethodDecoder.methodName(method.classId(), method.methodId())).isEqualTo(method.amqpName());
            String expectedName = "Amqp" + Arrays.stream(method.amqpName().split("[.-]"))
                    .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                    .reduce("", String::concat);
            assertThat(type.getSimpleName()).isEqualTo(expectedName);
            assertThat(method.hasContent()).isEqualTo(List.of("basic.publish", "basic.return", "basic.deliver",
                    "basic.get-ok").contains(method.amqpName()));
        }
    }

    @Test
    void namesTheLeadCodesAgainstExist() throws Exception {
        for (String name : List.of("ConnectionStart", "ConnectionStartOk", "ConnectionTune", "ConnectionTuneOk",
                "ConnectionOpen", "ConnectionOpenOk", "ConnectionClose", "ConnectionCloseOk", "ConnectionBlocked",
                "ConnectionUnblocked", "ConnectionUpdateSecret", "ConnectionUpdateSecretOk", "ChannelOpen",
                "ChannelOpenOk", "ChannelFlow", "ChannelFlowOk", "ChannelClose", "ChannelCloseOk", "ExchangeDeclare",
                "ExchangeDeclareOk", "ExchangeDelete", "ExchangeDeleteOk", "ExchangeBind", "ExchangeBindOk",
                "ExchangeUnbind", "ExchangeUnbindOk", "QueueDeclare", "QueueDeclareOk", "QueueBind", "QueueBindOk",
                "QueuePurge", "QueuePurgeOk", "QueueDelete", "QueueDeleteOk", "QueueUnbind", "QueueUnbindOk",
                "BasicQos", "BasicQosOk", "BasicConsume", "BasicConsumeOk", "BasicCancel", "BasicCancelOk",
                "BasicPublish", "BasicReturn", "BasicDeliver", "BasicGet", "BasicGetOk", "BasicGetEmpty", "BasicAck",
                "BasicReject", "BasicRecoverAsync", "BasicRecover", "BasicRecoverOk", "BasicNack", "TxSelect",
                "TxSelectOk", "TxCommit", "TxCommitOk", "TxRollback", "TxRollbackOk", "ConfirmSelect",
                "ConfirmSelectOk", "AccessRequest", "AccessRequestOk")) {
            assertThat(AmqpMethod.class.isAssignableFrom(Class.forName("org.ferrymq.broker.amqp.codec.Amqp" + name)))
                    .as(name).isTrue();
        }
    }

    @Test
    void componentsAreCamelCaseWithoutReservedArguments() {
        assertThat(names(AmqpQueueDeclare.class))
                .containsExactly("queue", "passive", "durable", "exclusive", "autoDelete", "noWait", "arguments");
        assertThat(names(AmqpBasicConsume.class))
                .containsExactly("queue", "consumerTag", "noLocal", "noAck", "exclusive", "noWait", "arguments");
        assertThat(names(AmqpConnectionStart.class))
                .containsExactly("versionMajor", "versionMinor", "serverProperties", "mechanisms", "locales");
        assertThat(names(AmqpConnectionClose.class))
                .containsExactly("replyCode", "replyText", "failingClassId", "failingMethodId");
        assertThat(names(AmqpConnectionOpen.class)).containsExactly("virtualHost");
        assertThat(names(AmqpChannelOpenOk.class)).isEmpty();
        assertThat(names(AmqpBasicGetEmpty.class)).isEmpty();
        assertThat(names(AmqpBasicQos.class)).containsExactly("prefetchSize", "prefetchCount", "global");
        assertThat(names(AmqpExchangeDelete.class)).containsExactly("exchange", "ifUnused", "noWait");
    }

    @Test
    void reservedArgumentsAreWrittenAsDefaultsAndTheLongConstructorIgnoresThem() {
        assertThat(new AmqpQueueDeclare(42, "q", false, true, false, false, false, null))
                .isEqualTo(new AmqpQueueDeclare("q", false, true, false, false, false, Map.of()));
        assertThat(new AmqpChannelOpenOk("ignored")).isEqualTo(AmqpChannelOpenOk.INSTANCE);
        assertThat(new AmqpConnectionOpen("/", "caps", true).virtualHost()).isEqualTo("/");
        assertThat(new AmqpQueueDeclare("q", false, false, false, false, false, null).ticket()).isZero();

        ByteBuf out = Unpooled.buffer();
        new AmqpConnectionOpen("/", "x", true).writeArguments(out);
        assertThat(AmqpCodecTestSupport.bytesOf(out)).containsExactly(1, '/', 0, 0);
        out = Unpooled.buffer();
        AmqpChannelOpenOk.INSTANCE.writeArguments(out);
        assertThat(AmqpCodecTestSupport.bytesOf(out)).containsExactly(0, 0, 0, 0); // channel-id: empty longstr
    }

    @Test
    void bitsShareOctetsInSpecOrder() {
        ByteBuf out = Unpooled.buffer();
        new AmqpQueueDeclare("", false, true, false, true, true, Map.of()).writeArguments(out);
        // ticket(2) queue(1) bits(1) table(4): durable=2, auto-delete=8, no-wait=16
        assertThat(AmqpCodecTestSupport.bytesOf(out)).containsExactly(0, 0, 0, 2 | 8 | 16, 0, 0, 0, 0);
        out = Unpooled.buffer();
        new AmqpBasicNack(1, false, true).writeArguments(out);
        assertThat(AmqpCodecTestSupport.bytesOf(out)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 2);
        out = Unpooled.buffer();
        new AmqpBasicDeliver("t", 5, true, "e", "r").writeArguments(out);
        assertThat(AmqpCodecTestSupport.bytesOf(out)).containsExactly(1, 't', 0, 0, 0, 0, 0, 0, 0, 5, 1, 1, 'e', 1, 'r');
    }

    @Test
    void unsignedFieldsKeepTheirFullRange() {
        ByteBuf out = Unpooled.buffer();
        AmqpConnectionTune tune = new AmqpConnectionTune(65535, 4_294_967_295L, 65535);
        tune.writeArguments(out);
        assertThat(AmqpMethodDecoder.decode(10, 30, out)).isEqualTo(tune);
        out.release();
        out = Unpooled.buffer();
        AmqpBasicAck ack = new AmqpBasicAck(-1L, true); // delivery tags are 64-bit; Java sees them signed
        ack.writeArguments(out);
        assertThat(AmqpMethodDecoder.decode(60, 80, out)).isEqualTo(ack);
        out.release();
        out = Unpooled.buffer();
        AmqpConnectionStart start = new AmqpConnectionStart(255, 255, Map.of(), "PLAIN AMQPLAIN", "en_US");
        start.writeArguments(out);
        assertThat(AmqpMethodDecoder.decode(10, 10, out)).isEqualTo(start);
        out.release();
    }

    @Test
    void nullStringsTablesAndBytesMeanEmpty() {
        AmqpConnectionStartOk startOk = new AmqpConnectionStartOk(null, null, null, null);
        assertThat(startOk.clientProperties()).isEmpty();
        assertThat(startOk.mechanism()).isEmpty();
        assertThat(startOk.response()).isEmpty();
        assertThat(new AmqpBasicPublish(null, null, false, false)).isEqualTo(new AmqpBasicPublish("", "", false, false));
    }

    @Test
    void recordsWithBytesCompareByContentAndHideThemInToString() {
        AmqpConnectionStartOk a = new AmqpConnectionStartOk(Map.of(), "PLAIN", "\0guest\0secret".getBytes(), "en_US");
        AmqpConnectionStartOk b = new AmqpConnectionStartOk(Map.of(), "PLAIN", "\0guest\0secret".getBytes(), "en_US");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new AmqpConnectionStartOk(Map.of(), "PLAIN", "\0guest\0other".getBytes(), "en_US"));
        assertThat(a.toString()).doesNotContain("secret").contains("13 bytes");
    }

    @Test
    void tooLongShortStringIsRejectedWithoutLeavingHalfAFrame() {
        ByteBuf out = Unpooled.buffer();
        String longName = "q".repeat(256);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> AmqpFrameWriter.writeMethod(out, 1, new AmqpQueueDeclare(longName, false, false, false, false, false, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.writerIndex()).isZero();
        out.release();
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
