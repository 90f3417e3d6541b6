package org.ferrymq.console;

import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.testsupport.XaWire.COMMIT;
import static org.ferrymq.testsupport.XaWire.END;
import static org.ferrymq.testsupport.XaWire.PREPARE;
import static org.ferrymq.testsupport.XaWire.RECOVER;
import static org.ferrymq.testsupport.XaWire.START;
import static org.ferrymq.testsupport.XaWire.call;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import org.ferrymq.testsupport.XaWire;
import org.ferrymq.testsupport.XaWire.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XA routes over real HTTP against a running broker, with branches made by a real client over
 * TCP ({@code tx.xa}): the list's JSON, who may list and who may decide (401 without a login, 403
 * for tags that forbid it), 400/404/409 for a bad Xid, an unknown one and a branch that is not
 * prepared, and that a heuristic commit really acks the messages the branch consumed while a
 * heuristic rollback puts them back, redelivered, and drops the branch's publishes.
 */
@Timeout(60)
class XaRoutesIT {
    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    Path dataDir;
    ConsoleFixture fixture;
    final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() {
        fixture = new ConsoleFixture(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection c : connections) {
            if (c.isOpen()) {
                c.close();
            }
        }
        fixture.close();
    }

    private Connection connect(String name) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(fixture.broker.amqpPort());
        f.setUsername("admin");
        f.setPassword("admin-pw");
        f.setAutomaticRecoveryEnabled(false);
        f.setChannelRpcTimeout(10_000);
        Connection c = f.newConnection(name);
        connections.add(c);
        return c;
    }

    private static void ok(XaWire.Reply reply) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(XA_OK);
    }

    private static String xidOf(String global) {
        return "4242:" + HexFormat.of().formatHex(global.getBytes(StandardCharsets.UTF_8)) + ":01";
    }

    private static String path(String xid, String outcome) {
        return "/api/ferrymq/xa/%2F/" + xid + "/" + outcome;
    }

    /**
     * Two durable queues with messages m0..m{n-1} in {@code in}; then, on a connection that is closed
     * afterwards (the transaction manager gone), one prepared branch per name, each consuming and
     * acking one message of {@code in} and publishing one to {@code out}.
     */
    private void orphanedPreparedBranches(String in, String out, int messages, String... globals) throws Exception {
        Channel setup = connect("setup").createChannel();
        setup.queueDeclare(in, true, false, false, null);
        setup.queueDeclare(out, true, false, false, null);
        setup.confirmSelect();
        for (int i = 0; i < messages; i++) {
            setup.basicPublish("", in, PERSISTENT, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        setup.waitForConfirmsOrDie(10_000);
        Connection tm = connect("transaction-manager");
        Channel ch = tm.createChannel();
        for (String global : globals) {
            Xid xid = Xid.of(global);
            ok(call(ch, START, xid, TMNOFLAGS));
            GetResponse got = ch.basicGet(in, false);
            ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
            ch.basicPublish("", out, PERSISTENT, ("sent by " + global).getBytes(StandardCharsets.UTF_8));
            ok(call(ch, END, xid, TMSUCCESS));
            ok(call(ch, PREPARE, xid, TMNOFLAGS));
        }
        tm.close();
    }

    private long ready(String queue) throws Exception {
        return connect("count").createChannel().queueDeclarePassive(queue).getMessageCount();
    }

    private static JsonNode byXid(JsonNode list, String xid) {
        for (JsonNode b : list) {
            if (b.path("xid").asText().equals(xid)) {
                return b;
            }
        }
        throw new AssertionError("no branch " + xid + " in " + list);
    }

    @Test
    void theListShowsEachBranchAsJsonPreparedOnesInDoubt() throws Exception {
        orphanedPreparedBranches("xa-list-in", "xa-list-out", 1, "orphan");
        Channel app = connect("app-server").createChannel();
        ok(call(app, START, Xid.of("running"), TMNOFLAGS));
        app.basicPublish("", "xa-list-out", PERSISTENT, "a".getBytes(StandardCharsets.UTF_8));
        app.basicQos(1);   // a round trip: the publish has reached the branch

        HttpResponse<String> r = fixture.admin("GET", "/api/ferrymq/xa", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode all = ConsoleFixture.JSON.readTree(r.body());
        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isEqualTo(2);

        JsonNode orphan = byXid(all, xidOf("orphan"));
        assertThat(orphan.get("name").asText()).isEqualTo(xidOf("orphan"));
        assertThat(orphan.get("vhost").asText()).isEqualTo("/");
        assertThat(orphan.get("format_id").asInt()).isEqualTo(4242);
        assertThat(orphan.get("global_id").asText()).isEqualTo("6f727068616e");   // "orphan"
        assertThat(orphan.get("branch_qualifier").asText()).isEqualTo("01");
        assertThat(orphan.get("state").asText()).isEqualTo("prepared");
        assertThat(orphan.get("connection").isNull()).as("its connection is gone").isTrue();
        assertThat(orphan.get("held_publishes").asInt()).isEqualTo(1);
        assertThat(orphan.get("held_acks").asInt()).isEqualTo(1);
        assertThat(orphan.get("in_doubt").asBoolean()).isTrue();
        assertThat(orphan.get("created_at").asLong()).isPositive();
        assertThat(orphan.get("age_seconds").isIntegralNumber()).isTrue();

        JsonNode running = byXid(all, xidOf("running"));
        assertThat(running.get("state").asText()).isEqualTo("active");
        assertThat(running.get("connection").asText()).contains("->");   // RabbitMQ's connection name
        assertThat(running.get("held_publishes").asInt()).isEqualTo(1);
        assertThat(running.get("in_doubt").asBoolean()).isFalse();

        assertThat(fixture.getJson("/api/ferrymq/xa/%2F").size()).isEqualTo(2);
        assertThat(fixture.admin("GET", "/api/ferrymq/xa/no-such-vhost", null).statusCode()).isEqualTo(404);
        // the JMS view lists only the in-doubt branch
        JsonNode jms = fixture.getJson("/api/ferrymq/jms").get("xa_transactions");
        assertThat(jms.size()).isEqualTo(1);
        assertThat(jms.get(0).get("xid").asText()).isEqualTo(xidOf("orphan"));
    }

    @Test
    void aHeuristicCommitAcksTheHeldMessageAndDeliversThePublish() throws Exception {
        orphanedPreparedBranches("xa-commit-in", "xa-commit-out", 2, "commit-me");
        assertThat(ready("xa-commit-in")).as("m0 held by the branch").isEqualTo(1);
        assertThat(ready("xa-commit-out")).isZero();
        assertThat(fixture.getJson("/api/queues/%2F/xa-commit-in").get("messages").asLong())
                .as("the held message still counts until the outcome").isEqualTo(2);

        HttpResponse<String> r = fixture.admin("POST", path(xidOf("commit-me"), "commit"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ConsoleFixture.JSON.readTree(r.body());
        assertThat(body.get("xid").asText()).isEqualTo(xidOf("commit-me"));
        assertThat(body.get("vhost").asText()).isEqualTo("/");
        assertThat(body.get("outcome").asText()).isEqualTo("committed");

        assertThat(fixture.getJson("/api/ferrymq/xa")).isEmpty();
        assertThat(fixture.getJson("/api/queues/%2F/xa-commit-in").get("messages").asLong())
                .as("m0 acked for good").isEqualTo(1);
        Channel ch = connect("after").createChannel();
        assertThat(new String(ch.basicGet("xa-commit-out", true).getBody(), StandardCharsets.UTF_8))
                .isEqualTo("sent by commit-me");
        GetResponse left = ch.basicGet("xa-commit-in", true);
        assertThat(new String(left.getBody(), StandardCharsets.UTF_8)).isEqualTo("m1");
        assertThat(ch.basicGet("xa-commit-in", true)).as("m0 is not coming back").isNull();
        // the branch is gone for the transaction manager too, and a second decision finds nothing
        assertThat(call(ch, RECOVER, null, TMSTARTRSCAN).xids()).isEmpty();
        assertThat(call(ch, COMMIT, Xid.of("commit-me"), TMNOFLAGS).code()).isEqualTo(XAER_NOTA);
        assertThat(fixture.admin("POST", path(xidOf("commit-me"), "commit"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aHeuristicRollbackRequeuesTheHeldMessageAndDropsThePublish() throws Exception {
        orphanedPreparedBranches("xa-rb-in", "xa-rb-out", 1, "roll-me-back");
        assertThat(ready("xa-rb-in")).isZero();

        HttpResponse<String> r = fixture.admin("POST", path(xidOf("roll-me-back"), "rollback"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ConsoleFixture.JSON.readTree(r.body()).get("outcome").asText()).isEqualTo("rolled_back");

        assertThat(fixture.getJson("/api/ferrymq/xa")).isEmpty();
        assertThat(ready("xa-rb-out")).as("the branch's publish never happened").isZero();
        Channel ch = connect("after").createChannel();
        GetResponse back = ch.basicGet("xa-rb-in", true);
        assertThat(back).as("m0 is back in its queue").isNotNull();
        assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo("m0");
        assertThat(back.getEnvelope().isRedeliver()).isTrue();
        assertThat(call(ch, RECOVER, null, TMSTARTRSCAN).xids()).isEmpty();
    }

    @Test
    void wrongXidsAndStatesGetTheirStatusCodes() throws Exception {
        orphanedPreparedBranches("xa-codes-in", "xa-codes-out", 1, "kept");
        Channel app = connect("app-server").createChannel();
        ok(call(app, START, Xid.of("active"), TMNOFLAGS));
        app.basicQos(1);

        HttpResponse<String> bad = fixture.admin("POST", path("not-an-xid", "commit"), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ConsoleFixture.JSON.readTree(bad.body()).get("error").asText()).isNotBlank();
        HttpResponse<String> unknown = fixture.admin("POST", path("4242:00:01", "rollback"), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ConsoleFixture.JSON.readTree(unknown.body()).get("reason").asText()).isNotBlank();
        assertThat(fixture.admin("POST", "/api/ferrymq/xa/no-such-vhost/" + xidOf("kept") + "/commit", null)
                .statusCode()).isEqualTo(404);
        HttpResponse<String> notPrepared = fixture.admin("POST", path(xidOf("active"), "rollback"), null);
        assertThat(notPrepared.statusCode()).as("only a prepared branch may be decided by hand").isEqualTo(409);
        assertThat(ConsoleFixture.JSON.readTree(notPrepared.body()).get("reason").asText()).isNotBlank();
        assertThat(byXid(fixture.getJson("/api/ferrymq/xa"), xidOf("active")).get("state").asText())
                .as("still running").isEqualTo("active");
        ok(call(app, END, Xid.of("active"), TMSUCCESS));   // the client still owns it
    }

    @Test
    void tagsDecideWhoMayListAndWhoMayDecide() throws Exception {
        orphanedPreparedBranches("xa-tags-in", "xa-tags-out", 1, "guarded");
        String commit = path(xidOf("guarded"), "commit");
        // a management user with full permissions on "/": sees the vhost's branches, may not decide
        assertThat(fixture.admin("PUT", "/api/users/manager", "{\"password\":\"mgr-pw\",\"tags\":\"management\"}")
                .statusCode()).isIn(201, 204);
        assertThat(fixture.admin("PUT", "/api/permissions/%2F/manager",
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}").statusCode()).isIn(201, 204);

        assertThat(fixture.call("GET", "/api/ferrymq/xa", null, null, null).statusCode()).isEqualTo(401);
        assertThat(fixture.call("POST", commit, null, null, null).statusCode()).isEqualTo(401);
        assertThat(fixture.call("POST", commit, null, "admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(fixture.call("GET", "/api/ferrymq/xa", null, "app", "app-pw").statusCode())
                .as("no management tag").isEqualTo(403);
        assertThat(fixture.call("POST", commit, null, "app", "app-pw").statusCode()).isEqualTo(403);

        HttpResponse<String> watched = fixture.call("GET", "/api/ferrymq/xa", null, "watcher", "watch-pw");
        assertThat(watched.statusCode()).isEqualTo(200);
        assertThat(ConsoleFixture.JSON.readTree(watched.body()).size()).isEqualTo(1);
        assertThat(fixture.call("POST", commit, null, "watcher", "watch-pw").statusCode()).isEqualTo(403);
        HttpResponse<String> managed = fixture.call("GET", "/api/ferrymq/xa/%2F", null, "manager", "mgr-pw");
        assertThat(managed.statusCode()).isEqualTo(200);
        assertThat(ConsoleFixture.JSON.readTree(managed.body()).size()).isEqualTo(1);
        HttpResponse<String> refused = fixture.call("POST", path(xidOf("guarded"), "rollback"), null, "manager", "mgr-pw");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(ConsoleFixture.JSON.readTree(refused.body()).get("reason").asText()).contains("administrator");

        // none of the refusals decided anything
        assertThat(byXid(fixture.getJson("/api/ferrymq/xa"), xidOf("guarded")).get("state").asText()).isEqualTo("prepared");
        assertThat(ready("xa-tags-out")).isZero();
        assertThat(fixture.admin("POST", commit, null).statusCode()).isEqualTo(200);
        assertThat(ready("xa-tags-out")).isEqualTo(1);
    }
}
