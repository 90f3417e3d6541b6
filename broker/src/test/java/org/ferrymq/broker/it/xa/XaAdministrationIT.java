package org.ferrymq.broker.it.xa;

import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.testsupport.XaWire.COMMIT;
import static org.ferrymq.testsupport.XaWire.END;
import static org.ferrymq.testsupport.XaWire.PREPARE;
import static org.ferrymq.testsupport.XaWire.RECOVER;
import static org.ferrymq.testsupport.XaWire.START;
import static org.ferrymq.testsupport.XaWire.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.testsupport.XaWire;
import org.ferrymq.testsupport.XaWire.Xid;
import org.ferrymq.broker.management.ManagementException;
import org.ferrymq.broker.management.XaAdministration;
import org.ferrymq.broker.management.XaBranchView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The management API's XA view over branches made by a real client over TCP: what a branch shows
 * while it runs and once it is in doubt, and an operator's heuristic commit and rollback of a
 * prepared branch whose transaction manager is gone (the messages appear, or never do; the branch
 * is gone for the transaction manager too), with the errors for a wrong Xid or state.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class XaAdministrationIT {
    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    private Path dataDir;
    private FerryBroker broker;
    private XaAdministration xa;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("ferrymq-xa-admin-it-");
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        xa = broker.management().xa();
    }

    @AfterEach
    void stop() throws IOException {
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Connection connect(String name) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        f.setChannelRpcTimeout(10_000);
        return f.newConnection(name);
    }

    private static void ok(XaWire.Reply reply) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(XA_OK);
    }

    /** A branch publishing {@code count} messages to {@code queue}, prepared, its connection then gone. */
    private XaBranchView preparedAndOrphaned(String queue, String global, int count) throws Exception {
        try (Connection c = connect("tm-" + global)) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, true, false, false, null);
            Xid xid = Xid.of(global);
            ok(call(ch, START, xid, TMNOFLAGS));
            for (int i = 0; i < count; i++) {
                ch.basicPublish("", queue, PERSISTENT, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            ok(call(ch, END, xid, TMSUCCESS));
            ok(call(ch, PREPARE, xid, TMNOFLAGS));
        }
        List<XaBranchView> branches = xa.branches("/");
        assertThat(branches).hasSize(1);
        return branches.get(0);
    }

    private long ready(String queue) throws Exception {
        try (Connection c = connect("check")) {
            return c.createChannel().queueDeclarePassive(queue).getMessageCount();
        }
    }

    @Test
    void aRunningBranchShowsItsXidStateConnectionAndHeldWork() throws Exception {
        try (Connection c = connect("app-server")) {
            Channel ch = c.createChannel();
            ch.queueDeclare("xa-view", true, false, false, null);
            Xid xid = Xid.of("running");
            ok(call(ch, START, xid, TMNOFLAGS));
            ch.basicPublish("", "xa-view", PERSISTENT, "a".getBytes(StandardCharsets.UTF_8));
            ch.basicPublish("", "xa-view", PERSISTENT, "b".getBytes(StandardCharsets.UTF_8));
            ch.basicQos(1);   // a round trip: both publishes have reached the branch
            List<XaBranchView> branches = xa.branches(null);
            assertThat(branches).hasSize(1);
            XaBranchView b = branches.get(0);
            assertThat(b.vhost()).isEqualTo("/");
            assertThat(b.formatId()).isEqualTo(4242);
            assertThat(b.globalId()).isEqualTo("72756e6e696e67");   // "running" in hex
            assertThat(b.branchQualifier()).isEqualTo("01");
            assertThat(b.xid()).isEqualTo("4242:72756e6e696e67:01");
            assertThat(b.state()).isEqualTo("ACTIVE");
            assertThat(b.heldPublishes()).isEqualTo(2);
            assertThat(b.connection()).isNotNull();
            assertThat(b.inDoubt()).isFalse();
            ok(call(ch, END, xid, TMSUCCESS));
            assertThat(xa.branches("/").get(0).state()).isEqualTo("IDLE");
        }
        assertThat(xa.branches("/")).as("an unprepared branch dies with its connection").isEmpty();
    }

    @Test
    void aPreparedBranchWithoutItsConnectionIsInDoubtAndAHeuristicCommitDeliversItsMessages() throws Exception {
        XaBranchView b = preparedAndOrphaned("xa-commit", "orphan-commit", 3);
        assertThat(b.state()).isEqualTo("PREPARED");
        assertThat(b.connection()).isNull();
        assertThat(b.inDoubt()).isTrue();
        assertThat(ready("xa-commit")).isZero();

        xa.commit("/", b.xid(), "ops-test");

        assertThat(ready("xa-commit")).isEqualTo(3);
        assertThat(xa.branches("/")).isEmpty();
        try (Connection c = connect("tm-back")) {
            Channel ch = c.createChannel();
            assertThat(call(ch, RECOVER, Xid.of("-"), TMSTARTRSCAN).xids()).as("nothing left to recover").isEmpty();
            assertThat(call(ch, COMMIT, Xid.of("orphan-commit"), TMNOFLAGS).code())
                    .as("the transaction manager's late commit finds no branch").isEqualTo(XAER_NOTA);
        }
    }

    @Test
    void aHeuristicRollbackDropsThePreparedPublishes() throws Exception {
        XaBranchView b = preparedAndOrphaned("xa-rollback", "orphan-rollback", 2);
        xa.rollback("/", b.xid(), "ops-test");
        assertThat(ready("xa-rollback")).isZero();
        assertThat(xa.branches("/")).isEmpty();
    }

    @Test
    void aPreparedBranchSurvivesARestartAndCanStillBeCompletedByHand() throws Exception {
        XaBranchView before = preparedAndOrphaned("xa-restart", "orphan-restart", 1);
        broker.close();
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        xa = broker.management().xa();
        List<XaBranchView> after = xa.branches("/");
        assertThat(after).extracting(XaBranchView::xid).containsExactly(before.xid());
        assertThat(after.get(0).inDoubt()).isTrue();
        xa.commit("/", before.xid(), "ops-test");
        assertThat(ready("xa-restart")).isEqualTo(1);
    }

    @Test
    void wrongXidsAndStatesAreRefusedWithTheRightKind() throws Exception {
        assertThatThrownBy(() -> xa.commit("/", "not-an-xid", "ops-test"))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManagementException.Kind.BAD_REQUEST));
        assertThatThrownBy(() -> xa.commit("/", "4242:00:01", "ops-test"))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManagementException.Kind.NOT_FOUND));
        try (Connection c = connect("app-server")) {
            Channel ch = c.createChannel();
            Xid xid = Xid.of("active");
            ok(call(ch, START, xid, TMNOFLAGS));
            String shown = xa.branches("/").get(0).xid();
            assertThatThrownBy(() -> xa.rollback("/", shown, "ops-test"))
                    .as("only a prepared branch may be completed by hand")
                    .isInstanceOfSatisfying(ManagementException.class,
                            e -> assertThat(e.kind()).isEqualTo(ManagementException.Kind.CONFLICT));
        }
    }
}
