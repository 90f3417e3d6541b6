package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownFrom;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.it.support.Amqplain;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.PasswordHashes;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Users, vhosts and permissions from FerryMQ's configuration (embedded broker only). Every
 * expectation here was checked against RabbitMQ 3.10 with the same users made by rabbitmqctl:
 * passive declares need no permission, a non-passive redeclare needs configure, publishing to
 * the default exchange needs write on 'amq.default', binding needs read on the exchange.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UsersIT {
    private static final String VHOST = "brokerit-v";
    private static final String PASSWORD = "s3cret-pw";

    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> b
            .addVhost(VHOST)
            // alice: everything on her own names only
            .addUser(new UserDefinition("alice", PasswordHashes.sha256(PASSWORD), Set.of()))
            .addPermission(new PermissionDefinition("alice", VHOST, "^alice-.*", "^alice-.*", "^alice-.*"))
            // bob: configure and write anything, read only one queue
            .addUser(new UserDefinition("bob", PasswordHashes.sha256(PASSWORD), Set.of()))
            .addPermission(new PermissionDefinition("bob", VHOST, ".*", ".*", "^bob-readable$"))
            // carol: no configure at all
            .addUser(new UserDefinition("carol", PasswordHashes.sha256(PASSWORD), Set.of()))
            .addPermission(new PermissionDefinition("carol", VHOST, "", ".*", ".*")));

    private Channel as(String user) throws Exception {
        ConnectionFactory f = broker.factory();
        f.setUsername(user);
        f.setPassword(PASSWORD);
        f.setVirtualHost(VHOST);
        return broker.connect(f).createChannel();
    }

    private static String refused(String kind, String name, String user) {
        return "ACCESS_REFUSED - access to " + kind + " '" + name + "' in vhost '" + VHOST + "' refused for user '" + user + "'";
    }

    @Test
    void configuredUserWithHashedPasswordLogsInToItsVhost() throws Exception {
        Channel ch = as("alice");
        assertThat(ch.queueDeclare("alice-q1", false, false, true, null).getQueue()).isEqualTo("alice-q1");
    }

    @Test
    void configuredUserLogsInWithAmqplain() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setSaslConfig(Amqplain.CONFIG);
        f.setUsername("alice");
        f.setPassword(PASSWORD);
        f.setVirtualHost(VHOST);
        assertThat(broker.connect(f).isOpen()).isTrue();
    }

    @Test
    void configuredUserWithWrongPasswordIsRefused() {
        ConnectionFactory f = broker.factory();
        f.setUsername("alice");
        f.setPassword("wrong");
        f.setVirtualHost(VHOST);
        assertThatThrownBy(() -> broker.connect(f)).isInstanceOf(AuthenticationFailureException.class);
    }

    @Test
    void userWithoutPermissionsOnVhostIsRefused530() {
        ConnectionFactory f = broker.factory();
        f.setUsername("alice");
        f.setPassword(PASSWORD);
        f.setVirtualHost("/");
        String text = assertConnectionClose(shutdownFrom(() -> broker.connect(f)), 530, 10, 40);
        assertThat(text).isEqualTo("NOT_ALLOWED - access to vhost '/' refused for user 'alice'");
    }

    @Test
    void guestHasNoAccessToTheNewVhost() {
        ConnectionFactory f = broker.factory();
        f.setVirtualHost(VHOST);
        String text = assertConnectionClose(shutdownFrom(() -> broker.connect(f)), 530, 10, 40);
        assertThat(text).isEqualTo("NOT_ALLOWED - access to vhost '" + VHOST + "' refused for user 'guest'");
    }

    @Test
    void declareWithoutConfigurePermissionIs403() throws Exception {
        Channel ch = as("alice");
        String text = assertChannelError(403, 50, 10, () -> ch.queueDeclare("bob-q", false, false, true, null));
        assertThat(text).isEqualTo(refused("queue", "bob-q", "alice"));
    }

    @Test
    void serverNamedQueueNeedsConfigurePermissionOnItsGeneratedName() throws Exception {
        Channel ch = as("alice");
        String text = assertChannelError(403, 50, 10, ch::queueDeclare);
        assertThat(text).startsWith("ACCESS_REFUSED - access to queue 'amq.gen-").endsWith("' in vhost '" + VHOST
                + "' refused for user 'alice'");
    }

    @Test
    void exchangeDeclareWithoutConfigurePermissionIs403() throws Exception {
        Channel ch = as("alice");
        String text = assertChannelError(403, 40, 10, () -> ch.exchangeDeclare("bob-x", "direct"));
        assertThat(text).isEqualTo(refused("exchange", "bob-x", "alice"));
    }

    @Test
    void passiveDeclareNeedsNoPermission() throws Exception {
        as("bob").queueDeclare("bob-passive", false, false, false, null);
        Channel carol = as("carol");
        assertThat(carol.queueDeclarePassive("bob-passive").getQueue()).isEqualTo("bob-passive");
        assertThat(as("alice").exchangeDeclarePassive("amq.direct")).isNotNull();
        as("bob").queueDelete("bob-passive");
    }

    @Test
    void redeclareOfExistingQueueNeedsConfigurePermission() throws Exception {
        as("bob").queueDeclare("bob-redeclare", false, false, false, null);
        Channel carol = as("carol");
        String text = assertChannelError(403, 50, 10, () -> carol.queueDeclare("bob-redeclare", false, false, false, null));
        assertThat(text).isEqualTo(refused("queue", "bob-redeclare", "carol"));
        as("bob").queueDelete("bob-redeclare");
    }

    @Test
    void deleteWithoutConfigurePermissionIs403() throws Exception {
        as("bob").queueDeclare("bob-delete", false, false, false, null);
        Channel carol = as("carol");
        String text = assertChannelError(403, 50, 40, () -> carol.queueDelete("bob-delete"));
        assertThat(text).isEqualTo(refused("queue", "bob-delete", "carol"));
        as("bob").queueDelete("bob-delete");
    }

    @Test
    void publishWithoutWritePermissionOnDefaultExchangeIs403() throws Exception {
        Channel ch = as("alice");
        ch.queueDeclare("alice-q2", false, false, false, null);
        var shutdown = shutdownOf(ch);
        ch.basicPublish("", "alice-q2", null, "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 403, 60, 40);
        assertThat(text).isEqualTo(refused("exchange", "amq.default", "alice"));
        as("alice").queueDelete("alice-q2");
    }

    @Test
    void publishWithoutWritePermissionOnExchangeIs403() throws Exception {
        Channel ch = as("alice");
        var shutdown = shutdownOf(ch);
        ch.basicPublish("amq.direct", "k", null, "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 403, 60, 40);
        assertThat(text).isEqualTo(refused("exchange", "amq.direct", "alice"));
    }

    @Test
    void consumeWithoutReadPermissionIs403() throws Exception {
        Channel ch = as("bob");
        ch.queueDeclare("bob-unreadable", false, false, true, null);
        String text = assertChannelError(403, 60, 20, () -> ch.basicConsume("bob-unreadable", true, (t, d) -> { }, t -> { }));
        assertThat(text).isEqualTo(refused("queue", "bob-unreadable", "bob"));
        as("bob").queueDelete("bob-unreadable");
    }

    @Test
    void getWithoutReadPermissionIs403() throws Exception {
        Channel ch = as("bob");
        ch.queueDeclare("bob-unreadable2", false, false, true, null);
        String text = assertChannelError(403, 60, 70, () -> ch.basicGet("bob-unreadable2", true));
        assertThat(text).isEqualTo(refused("queue", "bob-unreadable2", "bob"));
        as("bob").queueDelete("bob-unreadable2");
    }

    @Test
    void purgeWithoutReadPermissionIs403() throws Exception {
        Channel ch = as("bob");
        ch.queueDeclare("bob-unreadable3", false, false, true, null);
        String text = assertChannelError(403, 50, 30, () -> ch.queuePurge("bob-unreadable3"));
        assertThat(text).isEqualTo(refused("queue", "bob-unreadable3", "bob"));
        as("bob").queueDelete("bob-unreadable3");
    }

    @Test
    void bindWithoutReadPermissionOnExchangeIs403() throws Exception {
        Channel ch = as("bob");
        ch.queueDeclare("bob-bind", false, false, true, null);
        String text = assertChannelError(403, 50, 20, () -> ch.queueBind("bob-bind", "amq.direct", "k"));
        assertThat(text).isEqualTo(refused("exchange", "amq.direct", "bob"));
        as("bob").queueDelete("bob-bind");
    }

    @Test
    void permittedOperationsWork() throws Exception {
        Channel bob = as("bob");
        bob.queueDeclare("bob-readable", false, false, false, null);
        bob.confirmSelect();
        bob.basicPublish("", "bob-readable", null, "hello".getBytes());
        bob.waitForConfirmsOrDie(5000);
        assertThat(bob.basicGet("bob-readable", true).getBody()).isEqualTo("hello".getBytes());
        Channel alice = as("alice");
        alice.exchangeDeclare("alice-x", "direct", false, true, null);
        alice.queueDeclare("alice-q3", false, false, true, null);
        alice.queueBind("alice-q3", "alice-x", "k");
        alice.queueDelete("alice-q3");
        bob.queueDelete("bob-readable");
    }

    @Test
    void userIdPropertyMustMatchTheConfiguredUser() throws Exception {
        Channel bob = as("bob");
        bob.queueDeclare("bob-readable", false, false, false, null);
        var shutdown = shutdownOf(bob);
        bob.basicPublish("", "bob-readable", new com.rabbitmq.client.AMQP.BasicProperties.Builder().userId("alice").build(),
                "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 406, 60, 40);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - user_id property set to 'alice' but authenticated user was 'bob'");
        as("bob").queueDelete("bob-readable");
    }

    @Test
    void connectionStaysUsableAfterAccessRefused() throws Exception {
        Channel ch = as("alice");
        Connection c = ch.getConnection();
        assertChannelError(403, 50, 10, () -> ch.queueDeclare("bob-q", false, false, true, null));
        assertThat(c.isOpen()).isTrue();
        assertThat(c.createChannel().queueDeclare("alice-ok", false, false, true, null).getQueue()).isEqualTo("alice-ok");
    }
}
