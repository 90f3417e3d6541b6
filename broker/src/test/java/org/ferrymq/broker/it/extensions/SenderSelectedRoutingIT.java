package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RabbitMQ's sender-selected distribution: extra routing keys in the {@code CC} and {@code BCC}
 * headers (arrays of strings). BCC routes like CC but no consumer sees the header; that holds for
 * transactional publishes too. A CC or BCC header that is not an array closes the channel with 406.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SenderSelectedRoutingIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private String queue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    private static AMQP.BasicProperties headers(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }

    private static GetResponse getOne(Channel ch, String q) throws Exception {
        GetResponse r = ch.basicGet(q, true);
        assertThat(r).as("a message in %s", q).isNotNull();
        assertThat(ch.basicGet(q, true)).as("only one message in %s", q).isNull();
        return r;
    }

    @Test
    void ccRoutesToExtraQueuesAndStaysVisible() throws Exception {
        Channel ch = broker.channel();
        String main = queue(ch);
        String copy = queue(ch);
        ch.basicPublish("", main, headers(Map.of("CC", List.of(copy, main))), "cc".getBytes());

        assertThat(getOne(ch, main).getProps().getHeaders()).containsKey("CC");
        GetResponse copied = getOne(ch, copy);
        assertThat(new String(copied.getBody(), StandardCharsets.UTF_8)).isEqualTo("cc");
        assertThat(copied.getProps().getHeaders()).containsKey("CC");
    }

    @Test
    void bccRoutesToExtraQueuesAndIsRemovedFromEveryCopy() throws Exception {
        Channel ch = broker.channel();
        String main = queue(ch);
        String hidden = queue(ch);
        ch.basicPublish("", main, headers(Map.of("BCC", List.of(hidden), "keep", "me")), "bcc".getBytes());

        GetResponse toMain = getOne(ch, main);
        assertThat(toMain.getProps().getHeaders()).containsKey("keep")
                .doesNotContainKey("BCC");
        GetResponse toHidden = getOne(ch, hidden);
        assertThat(new String(toHidden.getBody(), StandardCharsets.UTF_8)).isEqualTo("bcc");
        assertThat(toHidden.getProps().getHeaders()).doesNotContainKey("BCC");
    }

    @Test
    void bccRoutesOnCommitOfTransactionalPublish() throws Exception {
        Channel ch = broker.channel();
        String main = queue(ch);
        String hidden = queue(ch);
        String ccd = queue(ch);
        ch.txSelect();
        ch.basicPublish("", main, headers(Map.of("CC", List.of(ccd), "BCC", List.of(hidden))), "tx-bcc".getBytes());
        assertThat(ch.queueDeclarePassive(hidden).getMessageCount()).as("nothing before commit").isZero();
        ch.txCommit();

        for (String q : List.of(main, hidden, ccd)) {
            GetResponse r = getOne(ch, q);
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("tx-bcc");
            assertThat(r.getProps().getHeaders()).doesNotContainKey("BCC").containsKey("CC");
        }
    }

    @Test
    void ccHeaderThatIsNotAnArrayIs406() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        var shutdown = shutdownOf(ch);
        ch.basicPublish("", q, headers(Map.of("CC", q)), "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 406, 60, 40);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"CC\",longstr}");
        assertThat(broker.channel().queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @Test
    void bccHeaderThatIsNotAnArrayIs406EvenInTransaction() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.txSelect();
        var shutdown = shutdownOf(ch);
        ch.basicPublish("", q, headers(Map.of("BCC", 5)), "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 406, 60, 40);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"BCC\",signedint}");
    }
}
