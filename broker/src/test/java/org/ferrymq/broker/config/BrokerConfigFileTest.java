package org.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.ferrymq.broker.security.PasswordHash;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("ferrymq.conf");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private BrokerConfig load(String... lines) throws IOException {
        return BrokerConfigFile.load(write(lines), BrokerConfig.builder()).build();
    }

    private ConfigException error(String... lines) throws IOException {
        Path file = write(lines);
        BrokerConfig.Builder builder = BrokerConfig.builder();
        try {
            BrokerConfigFile.load(file, builder);
        } catch (ConfigException e) {
            assertThat(e.file()).isEqualTo(file);
            assertThat(builder.build()).as("nothing applied on error").isEqualTo(BrokerConfig.builder().build());
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }

    private static UserDefinition user(BrokerConfig c, String name) {
        return c.users().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    // ---- format ----

    @Test
    void emptyFileChangesNothing() throws IOException {
        assertThat(load()).isEqualTo(BrokerConfig.builder().build());
    }

    @Test
    void commentsBlankLinesAndSpacingAreIgnored() throws IOException {
        BrokerConfig c = load("\uFEFF# a comment", "", "   # indented comment", "  heartbeat=30  ", "frame_max    =   8192");
        assertThat(c.heartbeatSeconds()).isEqualTo(30);
        assertThat(c.frameMax()).isEqualTo(8192);
    }

    @Test
    void hashInsideAValueIsKept() throws IOException {
        BrokerConfig c = load("users.alice.password = pa#ss");
        assertThat(PasswordHash.matches(user(c, "alice").passwordHash(), "pa#ss")).isTrue();
    }

    @Test
    void lineWithoutEqualsIsAnError() throws IOException {
        ConfigException e = error("# c", "heartbeat 30");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.key()).isNull();
        assertThat(e).hasMessage(e.file() + ":2: expected 'key = value', got 'heartbeat 30'");
    }

    @Test
    void missingKeyIsAnError() throws IOException {
        assertThat(error("= 3")).hasMessageEndingWith(":1: missing key before '='");
    }

    @Test
    void keyWithSpacesIsAnError() throws IOException {
        assertThat(error("frame max = 3")).hasMessageEndingWith(":1: frame max: keys cannot contain spaces");
    }

    @Test
    void duplicateKeyIsAnError() throws IOException {
        ConfigException e = error("heartbeat = 1", "heartbeat = 2");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.key()).isEqualTo("heartbeat");
        assertThat(e).hasMessageEndingWith(":2: heartbeat: set twice (first on line 1)");
    }

    @Test
    void unknownKeyIsAnErrorNamingFileLineAndKey() throws IOException {
        ConfigException e = error("heartbeat = 1", "cluster_formation.peer_discovery_backend = classic_config");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.key()).isEqualTo("cluster_formation.peer_discovery_backend");
        assertThat(e.getMessage()).startsWith(e.file() + ":2: cluster_formation.peer_discovery_backend: unknown key");
    }

    @Test
    void missingFileIsAnError() {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> BrokerConfigFile.load(missing, BrokerConfig.builder()))
                .isInstanceOf(ConfigException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void unreadableFileIsAnError() {
        assertThatThrownBy(() -> BrokerConfigFile.load(dir, BrokerConfig.builder()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(dir + ": cannot read:");
    }

    @Test
    void nonUtf8FileIsAnError() throws IOException {
        Path file = dir.resolve("latin1.conf");
        Files.write(file, new byte[] {'a', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> BrokerConfigFile.load(file, BrokerConfig.builder()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a UTF-8 text file");
    }

    @Test
    void fileSettingsOverrideTheBuilderAndKeepTheRest() throws IOException {
        BrokerConfig.Builder b = BrokerConfig.builder().heartbeatSeconds(5).frameMax(8192);
        BrokerConfig c = BrokerConfigFile.load(write("heartbeat = 10"), b).build();
        assertThat(c.heartbeatSeconds()).isEqualTo(10);
        assertThat(c.frameMax()).isEqualTo(8192);
    }

    // ---- listener ----

    @Test
    void listenerHostAndPort() throws IOException {
        BrokerConfig c = load("listeners.tcp.default = 0.0.0.0:5673");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.amqpPort()).isEqualTo(5673);
    }

    @Test
    void listenerPortOnlyKeepsTheHost() throws IOException {
        BrokerConfig c = load("listeners.tcp.1 = 5674");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.amqpPort()).isEqualTo(5674);
    }

    @Test
    void listenerIpv6() throws IOException {
        BrokerConfig c = load("listeners.tcp.default = [::1]:5675");
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.amqpPort()).isEqualTo(5675);
        assertThat(load("listeners.tcp.default = ::1:5676").host()).isEqualTo("::1");
    }

    @Test
    void listenerErrors() throws IOException {
        assertThat(error("listeners.tcp.default = localhost:http"))
                .hasMessageEndingWith(":1: listeners.tcp.default: expected PORT, HOST:PORT or [IPv6]:PORT with a port"
                        + " within 0..65535, got 'localhost:http'");
        assertThat(error("listeners.tcp.default = 70000")).hasMessageContaining("within 0..65535");
        assertThat(error("listeners.tcp.default = :5672")).hasMessageContaining("not a host name or IP address: ''");
        assertThat(error("listeners.tcp.default =")).hasMessageEndingWith("listeners.tcp.default: a value is required");
        assertThat(error("listeners.tcp. = 1")).hasMessageContaining("the key needs a name after 'listeners.tcp.'");
        assertThat(error("listeners.tcp = none")).hasMessageContaining("FerryMQ needs its AMQP listener");
        ConfigException two = error("listeners.tcp.a = 1", "listeners.tcp.b = 2");
        assertThat(two.line()).isEqualTo(2);
        assertThat(two).hasMessageContaining("conflicts with listeners.tcp.a on line 1");
    }

    @Test
    void amqpHostAndPort() throws IOException {
        BrokerConfig c = load("amqp.host = ::", "amqp.port = 0");
        assertThat(c.host()).isEqualTo("::");
        assertThat(c.amqpPort()).isEqualTo(0);
    }

    @Test
    void amqpHostAndPortErrors() throws IOException {
        assertThat(error("amqp.port = -1")).hasMessageEndingWith(":1: amqp.port: must be within 0..65535, got -1");
        assertThat(error("amqp.port = five")).hasMessageEndingWith(":1: amqp.port: expected a whole number, got 'five'");
        assertThat(error("amqp.host = a b")).hasMessageContaining("not a host name or IP address");
        assertThat(error("amqp.host =")).hasMessageContaining("a value is required");
        assertThat(error("amqp.port = 1", "listeners.tcp.default = 2"))
                .hasMessageContaining(":2: listeners.tcp.default: conflicts with amqp.port on line 1");
        assertThat(error("listeners.tcp.default = 2", "amqp.host = x"))
                .hasMessageContaining(":2: amqp.host: conflicts with listeners.tcp.default on line 1");
    }

    // ---- storage and limits ----

    @Test
    void dataDirRelativeToTheConfigFile() throws IOException {
        assertThat(load("data_dir = state/../store").dataDir()).isEqualTo(dir.toAbsolutePath().resolve("store"));
        Path abs = dir.resolve("elsewhere").toAbsolutePath();
        assertThat(load("data_dir = " + abs).dataDir()).isEqualTo(abs);
        assertThat(error("data_dir =")).hasMessageContaining("data_dir: a value is required");
        assertThat(error("data_dir = a\u0000b")).hasMessageContaining("data_dir: not a valid path");
    }

    @Test
    void heartbeat() throws IOException {
        assertThat(load("heartbeat = 0").heartbeatSeconds()).isEqualTo(0);
        assertThat(load("heartbeat = 600").heartbeatSeconds()).isEqualTo(600);
        assertThat(error("heartbeat = 1.5")).hasMessageContaining("expected a whole number, got '1.5'");
        assertThat(error("heartbeat = 70000")).hasMessageContaining("must be within 0..65535");
    }

    @Test
    void frameMaxAcceptsBytesizes() throws IOException {
        assertThat(load("frame_max = 131072").frameMax()).isEqualTo(131072);
        assertThat(load("frame_max = 128KB").frameMax()).isEqualTo(131072);
        assertThat(load("frame_max = 1mb").frameMax()).isEqualTo(1048576);
        assertThat(load("frame_max = 0").frameMax()).isEqualTo(0);
        assertThat(error("frame_max = 1000")).hasMessageContaining("must be 0 (no limit) or at least 4096 bytes, got 1000");
        assertThat(error("frame_max = 4GB")).hasMessageContaining("must be within 0..2147483647 bytes");
        assertThat(error("frame_max = big")).hasMessageContaining("expected a size in bytes");
        assertThat(error("frame_max = KB")).hasMessageContaining("expected a size in bytes");
    }

    @Test
    void channelMaxZeroMeansNoLimit() throws IOException {
        assertThat(load("channel_max = 100").channelMax()).isEqualTo(100);
        assertThat(load("channel_max = 0").channelMax()).isEqualTo(65535);
        assertThat(error("channel_max = 65536")).hasMessageContaining("must be within 0..65535");
    }

    @Test
    void connectionMaxAndItsAlias() throws IOException {
        assertThat(load("connection_max = 10").maxConnections()).isEqualTo(10);
        assertThat(load("max_connections = 20").maxConnections()).isEqualTo(20);
        assertThat(load("connection_max = infinity").maxConnections()).isEqualTo(Integer.MAX_VALUE);
        assertThat(error("connection_max = -1")).hasMessageContaining("must be within 0..");
        assertThat(error("connection_max = 1", "max_connections = 2"))
                .hasMessageContaining(":2: max_connections: conflicts with connection_max on line 1");
    }

    @Test
    void socketBuffersTakeRabbitMqsKeysAndZeroGivesTheSystemsSizeBack() throws Exception {
        assertThat(BrokerConfig.builder().build().socketBuffers()).isEqualTo(SocketBuffers.DEFAULTS);
        SocketBuffers buffers = load("tcp_listen_options.sndbuf = 192KB", "tcp_listen_options.recbuf = 65536").socketBuffers();
        assertThat(buffers).isEqualTo(new SocketBuffers(192 * 1024, 65536));
        assertThat(load("tcp_listen_options.sndbuf = 0").socketBuffers().sendBytes()).isZero();
        assertThat(error("tcp_listen_options.sndbuf = -1")).hasMessageContaining("tcp_listen_options.sndbuf");
    }

    @Test
    void handshakeLimits() throws IOException {
        assertThat(load("").handshake()).isEqualTo(HandshakeLimits.DEFAULTS);
        HandshakeLimits limits = load("handshake_timeout = 5000", "unauthenticated_connection_max = 16",
                "handshake_timeout.under_pressure = 500").handshake();
        assertThat(limits).isEqualTo(new HandshakeLimits(5000, 16, 500));
        assertThat(limits.timeoutFor(7)).isEqualTo(5000);
        assertThat(limits.timeoutFor(8)).isEqualTo(500); // half the budget in use by others
        assertThat(error("unauthenticated_connection_max = 0")).hasMessageContaining("must be within 1..");
        assertThat(error("handshake_timeout = 0")).hasMessageContaining("must be within 1..");
    }

    @Test
    void maxMessageSize() throws IOException {
        assertThat(load("max_message_size = 1048576").maxMessageSize()).isEqualTo(1048576);
        assertThat(load("max_message_size = 512MB").maxMessageSize()).isEqualTo(536870912);
        assertThat(error("max_message_size = 513MB")).hasMessageContaining("must be within 1..536870912 bytes");
        assertThat(error("max_message_size = 0")).hasMessageContaining("must be within 1..");
    }

    // ---- vhosts ----

    @Test
    void vhostsAreAddedAfterTheDefaultVhost() throws IOException {
        assertThat(load("vhosts.1 = dev", "vhosts.2 = /", "vhosts.prod = prod").vhosts()).containsExactly("/", "dev", "prod");
        assertThat(error("vhosts.1 =")).hasMessageContaining("vhosts.1: a value is required");
        assertThat(error("vhosts. = x")).hasMessageContaining("the key needs a name after 'vhosts.'");
    }

    // ---- users ----

    @Test
    void usersWithPasswordsAreHashedOnLoad() throws IOException {
        BrokerConfig c = load("users.alice.password = secret", "users.alice.tags = administrator, monitoring");
        UserDefinition alice = user(c, "alice");
        assertThat(alice.passwordHash()).isNotEqualTo("secret");
        assertThat(PasswordHash.matches(alice.passwordHash(), "secret")).isTrue();
        assertThat(alice.tags()).containsExactlyInAnyOrder("administrator", "monitoring");
        assertThat(user(c, "guest").passwordHash()).isEqualTo(BrokerConfig.GUEST_PASSWORD_HASH);
    }

    @Test
    void usersWithRabbitMqHashes() throws IOException {
        BrokerConfig c = load("users.svc.name.with.dots.password_hash = " + BrokerConfig.GUEST_PASSWORD_HASH,
                "users.svc.name.with.dots.tags =");
        UserDefinition u = user(c, "svc.name.with.dots");
        assertThat(u.passwordHash()).isEqualTo(BrokerConfig.GUEST_PASSWORD_HASH);
        assertThat(u.tags()).isEmpty();
    }

    @Test
    void usersCanReplaceGuest() throws IOException {
        BrokerConfig c = load("users.guest.password = better");
        assertThat(c.users()).hasSize(1);
        assertThat(PasswordHash.matches(user(c, "guest").passwordHash(), "better")).isTrue();
    }

    @Test
    void userErrors() throws IOException {
        assertThat(error("users.alice.tags = x")).hasMessageContaining(
                ":1: users.alice.tags: user 'alice' has no password: add users.alice.password or users.alice.password_hash");
        assertThat(error("users.alice.password = a", "users.alice.password_hash = " + BrokerConfig.GUEST_PASSWORD_HASH))
                .hasMessageContaining(":2: users.alice.password_hash: user 'alice' has both password (line 1)");
        assertThat(error("users.alice.password_hash = abc")).hasMessageContaining("not a RabbitMQ SHA-256/SHA-512 password hash");
        assertThat(error("users.alice.password =")).hasMessageContaining("users.alice.password: a value is required");
        assertThat(error("users.alice.colour = red")).hasMessageContaining("expected users.NAME.password");
        assertThat(error("users.alice = x")).hasMessageContaining("expected users.NAME.password");
        assertThat(error("users..password = x")).hasMessageContaining("expected users.NAME.password");
    }

    // ---- permissions ----

    @Test
    void permissionsPerUserAndVhost() throws IOException {
        BrokerConfig c = load("vhosts.1 = dev.eu", "users.alice.password = a",
                "permissions.alice.dev.eu = ^alice-.* \"\" .*", "permissions.alice./ = .* .* .*");
        assertThat(c.permissions()).contains(
                new PermissionDefinition("alice", "dev.eu", "^alice-.*", "", ".*"),
                new PermissionDefinition("alice", "/", ".*", ".*", ".*"),
                PermissionDefinition.all("guest", "/"));
    }

    @Test
    void permissionsCanBeDefinedBeforeTheirUserAndVhost() throws IOException {
        BrokerConfig c = load("permissions.bob.v = a b c", "users.bob.password = b", "vhosts.x = v");
        assertThat(c.permissions()).contains(new PermissionDefinition("bob", "v", "a", "b", "c"));
    }

    @Test
    void permissionsReplaceGuestsDefault() throws IOException {
        BrokerConfig c = load("permissions.guest./ = ^$ .* .*");
        assertThat(c.permissions()).containsExactly(new PermissionDefinition("guest", "/", "^$", ".*", ".*"));
    }

    @Test
    void permissionErrors() throws IOException {
        assertThat(error("permissions.nobody./ = .* .* .*"))
                .hasMessageContaining(":1: permissions.nobody./: no user 'nobody'");
        assertThat(error("permissions.guest.dev = .* .* .*"))
                .hasMessageContaining(":1: permissions.guest.dev: no vhost 'dev' (known: /)");
        assertThat(error("permissions.guest./ = .* .*")).hasMessageContaining("expected three patterns");
        assertThat(error("permissions.guest./ =")).hasMessageContaining("expected three patterns");
        assertThat(error("permissions.guest./ = .* ( .*")).hasMessageContaining("invalid regular expression '('");
        assertThat(error("permissions.guest = .* .* .*")).hasMessageContaining("expected permissions.USER.VHOST");
        assertThat(error("permissions.guest. = .* .* .*")).hasMessageContaining("expected permissions.USER.VHOST");
    }

    // ---- default user (RabbitMQ keys) ----

    @Test
    void defaultUserReplacesGuest() throws IOException {
        BrokerConfig c = load("default_user = admin", "default_pass = s3cret");
        assertThat(c.users()).extracting(UserDefinition::name).containsExactly("admin");
        UserDefinition admin = user(c, "admin");
        assertThat(PasswordHash.matches(admin.passwordHash(), "s3cret")).isTrue();
        assertThat(admin.tags()).containsExactly("administrator");
        assertThat(c.permissions()).containsExactly(PermissionDefinition.all("admin", "/"));
        assertThat(c.loopbackUsers()).containsExactly("guest");
    }

    @Test
    void defaultUserTagsPermissionsAndVhost() throws IOException {
        BrokerConfig c = load("default_vhost = prod", "default_user_tags.administrator = false",
                "default_user_tags.monitoring = true", "default_permissions.configure = ^$",
                "default_permissions.write = w", "default_permissions.read = r");
        assertThat(c.vhosts()).containsExactly("prod");
        UserDefinition guest = user(c, "guest");
        assertThat(guest.passwordHash()).isEqualTo(BrokerConfig.GUEST_PASSWORD_HASH);
        assertThat(guest.tags()).isEqualTo(Set.of("monitoring"));
        assertThat(c.permissions()).containsExactly(new PermissionDefinition("guest", "prod", "^$", "w", "r"));
    }

    @Test
    void defaultUserErrors() throws IOException {
        assertThat(error("default_user =")).hasMessageContaining("default_user: a value is required");
        assertThat(error("default_pass =")).hasMessageContaining("default_pass: a value is required");
        assertThat(error("default_vhost =")).hasMessageContaining("default_vhost: a value is required");
        assertThat(error("default_user_tags.administrator = yes")).hasMessageContaining("expected true or false, got 'yes'");
        assertThat(error("default_user_tags. = true")).hasMessageContaining("needs a name after 'default_user_tags.'");
        assertThat(error("default_permissions.read = [")).hasMessageContaining("invalid regular expression '['");
        assertThat(error("default_permissions.all = .*")).hasMessageContaining("unknown key");
    }

    // ---- loopback users ----

    @Test
    void loopbackUsersNone() throws IOException {
        assertThat(load("loopback_users = none").loopbackUsers()).isEmpty();
    }

    @Test
    void loopbackUsersList() throws IOException {
        assertThat(load("loopback_users = guest, alice bob").loopbackUsers()).containsExactly("guest", "alice", "bob");
    }

    @Test
    void loopbackUsersRabbitMqFlags() throws IOException {
        assertThat(load("loopback_users.guest = false").loopbackUsers()).isEmpty();
        assertThat(load("loopback_users.alice = true").loopbackUsers()).containsExactly("guest", "alice");
    }

    @Test
    void loopbackUsersErrors() throws IOException {
        assertThat(error("loopback_users = none", "loopback_users.alice = true"))
                .hasMessageContaining(":2: loopback_users.alice: cannot be combined with 'loopback_users = none' (line 1)");
        assertThat(error("loopback_users.guest = no")).hasMessageContaining("expected true or false");
        assertThat(error("loopback_users. = true")).hasMessageContaining("needs a name after 'loopback_users.'");
    }

    // ---- the shipped example ----

    @Test
    void shippedExampleLoads() throws IOException {
        Path example = Path.of("../server/src/main/dist/ferrymq.conf.example");
        if (!Files.exists(example)) {
            return; // broker built on its own, without the server module next to it
        }
        Path copy = dir.resolve("example.conf");
        Files.copy(example, copy);
        BrokerConfig c = BrokerConfigFile.load(copy, BrokerConfig.builder()).build();
        assertThat(c.amqpPort()).isEqualTo(5672);
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data"));
        assertThat(c.maxMessageSize()).isEqualTo(128L * 1024 * 1024);
        assertThat(c.vhosts()).containsExactly("/", "orders");
        assertThat(c.users()).extracting(UserDefinition::name).containsExactlyInAnyOrder("guest", "alice", "orders-app");
        assertThat(c.permissions()).contains(
                new PermissionDefinition("orders-app", "orders", "^orders\\.", "^orders\\.", "^orders\\."));
        assertThat(c.loopbackUsers()).containsExactly("guest");
    }

    // ---- memory and disk ----

    @Test
    void memoryWatermarkAbsoluteAndRelative() throws IOException {
        assertThat(load("vm_memory_high_watermark.absolute = 512MB").memoryHighWatermark()).isEqualTo(512L << 20);
        long max = Runtime.getRuntime().maxMemory();
        assertThat(load("vm_memory_high_watermark.relative = 0.25").memoryHighWatermark()).isEqualTo((long) (max * 0.25));
    }

    @Test
    void memoryWatermarkMayBeSetOnlyOnceAndOnlyToAFraction() throws IOException {
        assertThat(error("vm_memory_high_watermark.relative = 0.4", "vm_memory_high_watermark.absolute = 1GB"))
                .hasMessageEndingWith(":2: vm_memory_high_watermark.absolute: conflicts with "
                        + "vm_memory_high_watermark.relative on line 1 (use one)");
        assertThat(error("vm_memory_high_watermark.relative = 1.5"))
                .hasMessageEndingWith("must be above 0 and at most 1, got 1.5");
        assertThat(error("vm_memory_high_watermark.relative = lots"))
                .hasMessageEndingWith("expected a fraction such as 0.4, got 'lots'");
    }

    @Test
    void diskFreeLimitAndQueueWindow() throws IOException {
        BrokerConfig c = load("disk_free_limit.absolute = 2GB", "queue_memory_window = 5000");
        assertThat(c.diskFreeLimit()).isEqualTo(2L << 30);
        assertThat(c.queueMemoryWindow()).isEqualTo(5000);
        assertThat(error("disk_free_limit.relative = 1.0")).hasMessageContaining("use disk_free_limit.absolute");
        assertThat(error("queue_memory_window = 10")).hasMessageEndingWith("must be within 100..2147483647, got 10");
    }

    // ---- TLS ----

    private Path pem(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    }

    @Test
    void tlsListenerWithPortOnlyUsesTheAmqpHostAndResolvesFilesAgainstTheConfigDirectory() throws IOException {
        pem("cert.pem");
        pem("key.pem");
        BrokerConfig c = load("listeners.tcp.default = 127.0.0.2:5672", "listeners.ssl.default = 5671",
                "ssl_options.certfile = cert.pem", "ssl_options.keyfile = key.pem");
        assertThat(c.tls()).isEqualTo(TlsListener.serverOnly("127.0.0.2", 5671, dir.resolve("cert.pem"), dir.resolve("key.pem")));
    }

    @Test
    void tlsListenerWithClientCertificates() throws IOException {
        pem("cert.pem");
        pem("key.pem");
        pem("ca.pem");
        BrokerConfig c = load("listeners.ssl.default = 0.0.0.0:5671", "ssl_options.cacertfile = " + dir.resolve("ca.pem"),
                "ssl_options.certfile = cert.pem", "ssl_options.keyfile = key.pem",
                "ssl_options.verify = verify_peer", "ssl_options.fail_if_no_peer_cert = true");
        assertThat(c.tls()).isEqualTo(new TlsListener("0.0.0.0", 5671, dir.resolve("cert.pem"), dir.resolve("key.pem"),
                dir.resolve("ca.pem"), true, true));
        assertThat(c.host()).as("the AMQP listener keeps its host").isEqualTo("127.0.0.1");
    }

    @Test
    void tlsMistakesAreExplained() throws IOException {
        pem("cert.pem");
        pem("key.pem");
        assertThat(error("listeners.ssl.default = 5671", "ssl_options.certfile = cert.pem"))
                .hasMessageEndingWith(":1: listeners.ssl.default: a TLS listener needs ssl_options.certfile and ssl_options.keyfile");
        assertThat(error("ssl_options.certfile = cert.pem"))
                .hasMessageEndingWith("ssl_options need a TLS listener: add listeners.ssl.default = 5671");
        assertThat(error("ssl_options.certfile = missing.pem"))
                .hasMessageEndingWith(":1: ssl_options.certfile: cannot read " + dir.resolve("missing.pem"));
        assertThat(error("listeners.ssl.default = 5671", "ssl_options.certfile = cert.pem", "ssl_options.keyfile = key.pem",
                "ssl_options.verify = verify_peer")).hasMessageContaining("verify_peer needs ssl_options.cacertfile");
        assertThat(error("ssl_options.verify = maybe")).hasMessageEndingWith("expected verify_peer or verify_none, got 'maybe'");
        assertThat(error("ssl_options.password = secret")).hasMessageContaining("unknown TLS option");
        assertThat(error("listeners.ssl.a = 5671", "listeners.ssl.b = 5672"))
                .hasMessageEndingWith("conflicts with listeners.ssl.a on line 1 (FerryMQ has one AMQPS listener)");
        assertThat(load("listeners.ssl = none").tls()).isNull();
    }
}
