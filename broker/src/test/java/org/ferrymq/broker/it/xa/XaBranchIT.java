package org.ferrymq.broker.it.xa;

import static javax.transaction.xa.XAException.XAER_DUPID;
import static javax.transaction.xa.XAException.XAER_INVAL;
import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAException.XAER_PROTO;
import static javax.transaction.xa.XAException.XA_RBROLLBACK;
import static javax.transaction.xa.XAException.XA_RBTIMEOUT;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMONEPHASE;
import static javax.transaction.xa.XAResource.TMRESUME;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMSUSPEND;
import static javax.transaction.xa.XAResource.XA_OK;
import static javax.transaction.xa.XAResource.XA_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.testsupport.XaWire.COMMIT;
import static org.ferrymq.testsupport.XaWire.END;
import static org.ferrymq.testsupport.XaWire.FORGET;
import static org.ferrymq.testsupport.XaWire.IDENTIFY;
import static org.ferrymq.testsupport.XaWire.PREPARE;
import static org.ferrymq.testsupport.XaWire.RECOVER;
import static org.ferrymq.testsupport.XaWire.ROLLBACK;
import static org.ferrymq.testsupport.XaWire.START;
import static org.ferrymq.testsupport.XaWire.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.testsupport.XaWire;
import org.ferrymq.testsupport.XaWire.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * FerryMQ's XA extension over TCP with the unmodified RabbitMQ Java client: the branch state
 * machine with its error codes, publishes and acks held until commit, rollback redelivering,
 * branches dying with their connection or timing out, and prepared branches surviving a restart.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class XaBranchIT {
    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    private Path dataDir;
    private FerryBroker broker;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("ferrymq-xa-it-");
        startBroker();
    }

    @AfterEach
    void stop() throws IOException {
        stopBroker();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void startBroker() throws Exception {
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        connection = connect();
    }

    private void stopBroker() {
        if (connection != null) {
            connection.abort(1000);
        }
        if (broker != null) {
            broker.close();
        }
        broker = null;
        connection = null;
    }

    private Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        f.setChannelRpcTimeout(10_000);
        return f.newConnection("xa-it");
    }

    private String durableQueue(Channel ch, String name) throws IOException {
        ch.queueDeclare(name, true, false, false, null);
        return name;
    }

    private static void publish(Channel ch, String queue, String body) throws IOException {
        ch.basicPublish("", queue, PERSISTENT, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void ok(XaWire.Reply reply) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(XA_OK);
    }

    private static void fails(XaWire.Reply reply, int code) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(code);
    }

    private static long ready(Channel ch, String queue) throws IOException {
        return ch.queueDeclarePassive(queue).getMessageCount();
    }

    @Test
    void theCapabilityIsAnnounced() {
        Map<?, ?> caps = (Map<?, ?>) connection.getServerProperties().get("capabilities");
        assertThat(caps.get("ferrymq.xa")).isEqualTo(true);
    }

    @Test
    void publishesOfABranchAppearOnlyAtTwoPhaseCommit() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-publish");
        Xid xid = Xid.of("publish");
        ok(call(ch, START, xid, TMNOFLAGS));
        publish(ch, q, "one");
        publish(ch, q, "two");
        ok(call(ch, END, xid, TMSUCCESS));
        assertThat(ready(ch, q)).isZero();
        ok(call(ch, PREPARE, xid, TMNOFLAGS));
        assertThat(ready(ch, q)).isZero();
        assertThat(call(ch, RECOVER, null, TMSTARTRSCAN).xids()).hasSize(1);
        ok(call(ch, COMMIT, xid, TMNOFLAGS));
        assertThat(ready(ch, q)).isEqualTo(2);
        assertThat(new String(ch.basicGet(q, true).getBody(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(call(ch, RECOVER, null, TMSTARTRSCAN).xids()).isEmpty();
    }

    @Test
    void consumedMessagesAreHeldAndARollbackRedeliversThem() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-consume");
        publish(ch, q, "m");
        Xid xid = Xid.of("consume");
        ok(call(ch, START, xid, TMNOFLAGS));
        GetResponse got = ch.basicGet(q, false);
        assertThat(got.getEnvelope().isRedeliver()).isFalse();
        ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
        ok(call(ch, END, xid, TMSUCCESS));
        Channel other = connect().createChannel();
        assertThat(other.basicGet(q, false)).as("held for the branch").isNull();
        ok(call(ch, PREPARE, xid, TMNOFLAGS));
        assertThat(other.basicGet(q, false)).isNull();
        ok(call(ch, ROLLBACK, xid, TMNOFLAGS));
        GetResponse again = other.basicGet(q, false);
        assertThat(again).isNotNull();
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(again.getProps().getHeaders()).containsEntry("x-delivery-count", 1L);
        other.getConnection().close();
    }

    @Test
    void aCommittedConsumeIsGoneAndAOnePhaseCommitWorks() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-onephase");
        String out = durableQueue(ch, "xa-onephase-out");
        publish(ch, q, "in");
        Xid xid = Xid.of("onephase");
        ok(call(ch, START, xid, TMNOFLAGS));
        GetResponse got = ch.basicGet(q, false);
        ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
        publish(ch, out, "reply");
        ok(call(ch, END, xid, TMSUCCESS));
        fails(call(ch, COMMIT, xid, TMNOFLAGS), XAER_PROTO);   // two-phase commit of an unprepared branch
        ok(call(ch, COMMIT, xid, TMONEPHASE));
        assertThat(ready(ch, q)).isZero();
        assertThat(ready(ch, out)).isEqualTo(1);
        ch.close();
        connection.close();
        stopBroker();
        startBroker();
        Channel after = connection.createChannel();
        assertThat(ready(after, q)).as("the ack was durable at commit").isZero();
        assertThat(ready(after, out)).isEqualTo(1);
    }

    @Test
    void aBranchThatDidNothingPreparesReadOnly() throws Exception {
        Channel ch = connection.createChannel();
        Xid xid = Xid.of("readonly");
        ok(call(ch, START, xid, TMNOFLAGS));
        ok(call(ch, END, xid, TMSUCCESS));
        fails(call(ch, PREPARE, xid, TMNOFLAGS), XA_RDONLY);
        fails(call(ch, COMMIT, xid, TMNOFLAGS), XAER_NOTA);   // a read-only branch is finished
    }

    @Test
    void suspendResumeAndJoin() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-suspend");
        Xid xid = Xid.of("suspend");
        ok(call(ch, START, xid, TMNOFLAGS));
        publish(ch, q, "in branch");
        ok(call(ch, END, xid, TMSUSPEND));
        publish(ch, q, "outside");   // not in the branch: visible at once
        fails(call(ch, PREPARE, xid, TMNOFLAGS), XAER_PROTO);   // suspended, not ended
        fails(call(ch, START, xid, TMJOIN), XAER_PROTO);        // join needs an ended branch
        ok(call(ch, START, xid, TMRESUME));
        publish(ch, q, "resumed");
        ok(call(ch, END, xid, TMSUCCESS));
        ok(call(ch, START, xid, TMJOIN));
        ok(call(ch, END, xid, TMSUCCESS));
        assertThat(ready(ch, q)).isEqualTo(1);
        ok(call(ch, PREPARE, xid, TMNOFLAGS));
        ok(call(ch, COMMIT, xid, TMNOFLAGS));
        assertThat(ready(ch, q)).isEqualTo(3);
    }

    @Test
    void everyWrongCallHasItsErrorCode() throws Exception {
        Channel ch = connection.createChannel();
        Xid xid = Xid.of("errors");
        Xid unknown = Xid.of("unknown");
        fails(call(ch, END, unknown, TMSUCCESS), XAER_NOTA);
        fails(call(ch, PREPARE, unknown, TMNOFLAGS), XAER_NOTA);
        fails(call(ch, COMMIT, unknown, TMNOFLAGS), XAER_NOTA);
        fails(call(ch, COMMIT, unknown, TMONEPHASE), XAER_NOTA);
        fails(call(ch, ROLLBACK, unknown, TMNOFLAGS), XAER_NOTA);
        fails(call(ch, FORGET, unknown, TMNOFLAGS), XAER_NOTA);
        fails(call(ch, START, unknown, TMJOIN), XAER_NOTA);
        fails(call(ch, START, unknown, TMRESUME), XAER_NOTA);
        fails(call(ch, START, xid, TMSUCCESS), XAER_INVAL);
        fails(call(ch, RECOVER, null, TMSUCCESS), XAER_INVAL);
        fails(call(ch, START, new Xid(1, new byte[65], new byte[1]), TMNOFLAGS), XAER_INVAL);
        ok(call(ch, START, xid, TMNOFLAGS));
        fails(call(ch, START, Xid.of("second"), TMNOFLAGS), XAER_PROTO);   // one branch per session at a time
        fails(call(ch, END, xid, TMJOIN), XAER_INVAL);
        fails(call(ch, PREPARE, xid, TMNOFLAGS), XAER_PROTO);               // still active
        fails(call(ch, COMMIT, xid, TMONEPHASE), XAER_PROTO);
        Channel other = connection.createChannel();
        fails(call(other, START, xid, TMNOFLAGS), XAER_DUPID);
        fails(call(other, END, xid, TMSUCCESS), XAER_PROTO);                 // not associated with that channel
        ok(call(ch, END, xid, TMSUCCESS));
        fails(call(ch, END, xid, TMSUCCESS), XAER_PROTO);
        fails(call(ch, FORGET, xid, TMNOFLAGS), XAER_PROTO);                 // never heuristically completed
        publish(ch, durableQueue(ch, "xa-errors"), "x");
        ok(call(ch, START, xid, TMJOIN));
        publish(ch, "xa-errors", "y");
        ok(call(ch, END, xid, TMFAIL));
        fails(call(ch, PREPARE, xid, TMNOFLAGS), XA_RBROLLBACK);             // marked rollback-only by TMFAIL
        fails(call(ch, ROLLBACK, xid, TMNOFLAGS), XAER_NOTA);                // and gone after reporting it
        assertThat(ready(ch, "xa-errors")).isEqualTo(1);
        assertThat(ch.isOpen()).as("XA errors are answers, not channel errors").isTrue();
    }

    @Test
    void aBranchIdlePastItsTimeoutIsRolledBack() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-timeout");
        publish(ch, q, "m");
        Xid xid = Xid.of("timeout");
        ok(call(ch, START, xid, TMNOFLAGS, 1));
        GetResponse got = ch.basicGet(q, false);
        ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
        Thread.sleep(1500);
        assertThat(ready(ch, q)).as("the held message is back").isEqualTo(1);
        fails(call(ch, END, xid, TMSUCCESS), XA_RBTIMEOUT);
        fails(call(ch, PREPARE, xid, TMNOFLAGS), XA_RBTIMEOUT);
        fails(call(ch, COMMIT, xid, TMNOFLAGS), XAER_NOTA);
    }

    @Test
    void unpreparedBranchesDieWithTheirConnectionPreparedOnesDoNot() throws Exception {
        Connection c = connect();
        Channel ch = c.createChannel();
        String q = durableQueue(ch, "xa-death");
        publish(ch, q, "a");
        publish(ch, q, "b");
        Xid idle = Xid.of("idle");
        Xid prepared = Xid.of("prepared");
        ok(call(ch, START, idle, TMNOFLAGS));
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        ok(call(ch, END, idle, TMSUCCESS));
        ok(call(ch, START, prepared, TMNOFLAGS));
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        ok(call(ch, END, prepared, TMSUCCESS));
        ok(call(ch, PREPARE, prepared, TMNOFLAGS));
        c.close();
        Channel other = connection.createChannel();
        assertThat(ready(other, q)).as("the idle branch's message is back").isEqualTo(1);
        assertThat(call(other, RECOVER, null, TMSTARTRSCAN).xids()).extracting(x -> new String(x.global()))
                .containsExactly("prepared");
        fails(call(other, COMMIT, idle, TMONEPHASE), XAER_NOTA);
        ok(call(other, COMMIT, prepared, TMNOFLAGS));   // from another connection: any session of the RM may finish it
        assertThat(ready(other, q)).isEqualTo(1);
    }

    @Test
    void preparedBranchesSurviveARestartAndFinishAfterIt() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-restart");
        String out = durableQueue(ch, "xa-restart-out");
        for (int i = 0; i < 3; i++) {
            publish(ch, q, "m" + i);
        }
        Xid commitMe = Xid.of("commit-me");
        Xid rollMeBack = Xid.of("roll-me-back");
        ok(call(ch, START, commitMe, TMNOFLAGS));
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        publish(ch, out, "sent by commit-me");
        ok(call(ch, END, commitMe, TMSUCCESS));
        ok(call(ch, PREPARE, commitMe, TMNOFLAGS));
        ok(call(ch, START, rollMeBack, TMNOFLAGS));
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        publish(ch, out, "sent by roll-me-back");
        ok(call(ch, END, rollMeBack, TMSUCCESS));
        ok(call(ch, PREPARE, rollMeBack, TMNOFLAGS));
        stopBroker();
        startBroker();
        Channel after = connection.createChannel();
        assertThat(ready(after, q)).as("held by the prepared branches").isEqualTo(1);
        assertThat(ready(after, out)).isZero();
        assertThat(call(after, RECOVER, null, TMSTARTRSCAN).xids()).extracting(x -> new String(x.global()))
                .containsExactlyInAnyOrder("commit-me", "roll-me-back");
        ok(call(after, COMMIT, commitMe, TMNOFLAGS));
        ok(call(after, ROLLBACK, rollMeBack, TMNOFLAGS));
        assertThat(ready(after, q)).isEqualTo(2);
        assertThat(ready(after, out)).isEqualTo(1);
        assertThat(new String(after.basicGet(out, true).getBody(), StandardCharsets.UTF_8)).isEqualTo("sent by commit-me");
        GetResponse first = after.basicGet(q, true);
        GetResponse second = after.basicGet(q, true);
        assertThat(first.getEnvelope().isRedeliver() || second.getEnvelope().isRedeliver()).isTrue();
        stopBroker();
        startBroker();
        Channel third = connection.createChannel();
        assertThat(call(third, RECOVER, null, TMSTARTRSCAN).xids()).isEmpty();
        assertThat(ready(third, q)).isZero();
        assertThat(ready(third, out)).isZero();
    }

    @Test
    void aRollbackAfterARestartHandsTheMessagesToConsumersAlreadyWaiting() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-restart-waiting");
        publish(ch, q, "held");
        Xid xid = Xid.of("rolled-back-after-restart");
        ok(call(ch, START, xid, TMNOFLAGS));
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        ok(call(ch, END, xid, TMSUCCESS));
        ok(call(ch, PREPARE, xid, TMNOFLAGS));
        stopBroker();
        startBroker();
        Channel consumer = connection.createChannel();
        consumer.basicQos(10);
        java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
        consumer.basicConsume(q, false, (tag, d) -> got.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });
        assertThat(got.poll(300, TimeUnit.MILLISECONDS)).as("held by the prepared branch").isNull();
        ok(call(connection.createChannel(), ROLLBACK, xid, TMNOFLAGS));
        // the consumer waits on an empty queue: nothing but the rollback can wake it
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("held");
    }

    /**
     * As RabbitMQ puts a requeued message back where it was, a rollback after a restart puts the
     * messages the prepared branch held back between the ones recovered with them, not behind
     * them, and a message published after the restart stays behind all of them.
     */
    @Test
    void aRollbackAfterARestartPutsTheHeldMessagesBackInTheirPlace() throws Exception {
        Channel ch = connection.createChannel();
        String q = durableQueue(ch, "xa-restart-order");
        for (int i = 1; i <= 5; i++) {
            publish(ch, q, "m" + i);
        }
        // the branch holds m2 and m4; m1 is acked by a plain channel, m3 goes back ready between them
        Channel plain = connection.createChannel();
        plain.basicAck(plain.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        Xid xid = Xid.of("rolled-back-in-place");
        ok(call(ch, START, xid, TMNOFLAGS));
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        long m3 = plain.basicGet(q, false).getEnvelope().getDeliveryTag();
        ch.basicAck(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), false);
        plain.basicNack(m3, false, true);
        ok(call(ch, END, xid, TMSUCCESS));
        ok(call(ch, PREPARE, xid, TMNOFLAGS));
        stopBroker();
        startBroker();
        Channel after = connection.createChannel();
        publish(after, q, "m6");
        ok(call(after, ROLLBACK, xid, TMNOFLAGS));
        List<String> order = new java.util.ArrayList<>();
        for (GetResponse r; (r = after.basicGet(q, true)) != null; ) {
            order.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        assertThat(order).containsExactly("m2", "m3", "m4", "m5", "m6");
    }

    @Test
    void identifyNamesTheResourceManager() throws Exception {
        Channel a = connection.createChannel();
        Channel b = connect().createChannel();
        String id = call(a, IDENTIFY, null, TMNOFLAGS).text();
        assertThat(id).isNotBlank().isEqualTo(call(b, IDENTIFY, null, TMNOFLAGS).text());
    }
}
