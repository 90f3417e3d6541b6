package org.ferrymq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.config.ConfigException;
import org.ferrymq.server.ServerArguments.Command;
import org.ferrymq.server.ServerArguments.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentsRunWithDefaults() {
        ServerArguments a = ServerArguments.parse();
        assertThat(a).isEqualTo(new ServerArguments(Command.RUN, null, null, null, null, null, null));
        BrokerConfig c = a.brokerConfig();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.amqpPort()).isEqualTo(5672);
        assertThat(c.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void everyOptionWithSeparateValue() {
        ServerArguments a = ServerArguments.parse("--amqp-port", "5999", "--data-dir", "d", "--config", "f.conf",
                "--bind", "0.0.0.0");
        assertThat(a).isEqualTo(new ServerArguments(Command.RUN, 5999, Path.of("d"), Path.of("f.conf"), "0.0.0.0", null, null));
    }

    @Test
    void everyOptionWithEquals() {
        ServerArguments a = ServerArguments.parse("--amqp-port=0", "--data-dir=/x", "--config=c", "--bind=::1");
        assertThat(a).isEqualTo(new ServerArguments(Command.RUN, 0, Path.of("/x"), Path.of("c"), "::1", null, null));
    }

    @Test
    void help() {
        assertThat(ServerArguments.parse("--help").command()).isEqualTo(Command.HELP);
        assertThat(ServerArguments.parse("--amqp-port", "1", "-h").command()).isEqualTo(Command.HELP);
    }

    @Test
    void hashPassword() {
        assertThat(ServerArguments.parse("hash-password", "pw"))
                .isEqualTo(new ServerArguments(Command.HASH_PASSWORD, null, null, null, null, "pw", null));
        assertThat(ServerArguments.parse("hash-password").password()).isNull();
        assertThat(ServerArguments.parse("hash-password", "s3cret").toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> ServerArguments.parse("hash-password", "a", "b"))
                .isInstanceOf(UsageException.class).hasMessage("hash-password takes at most one argument, the password");
    }

    @Test
    void badCommandLines() {
        assertThatThrownBy(() -> ServerArguments.parse("--port", "1")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option --port (try --help)");
        assertThatThrownBy(() -> ServerArguments.parse("start")).hasMessage("unexpected argument 'start' (try --help)");
        assertThatThrownBy(() -> ServerArguments.parse("--amqp-port")).hasMessage("--amqp-port needs a value");
        assertThatThrownBy(() -> ServerArguments.parse("--amqp-port", "--bind", "x")).hasMessage("--amqp-port needs a value");
        assertThatThrownBy(() -> ServerArguments.parse("--amqp-port", "x"))
                .hasMessage("--amqp-port must be a number within 0..65535, got 'x'");
        assertThatThrownBy(() -> ServerArguments.parse("--amqp-port", "65536")).hasMessageContaining("within 0..65535");
        assertThatThrownBy(() -> ServerArguments.parse("--amqp-port", "-1")).hasMessageContaining("within 0..65535");
        assertThatThrownBy(() -> ServerArguments.parse("--bind=")).hasMessage("--bind needs a value");
        assertThatThrownBy(() -> ServerArguments.parse("--data-dir", "a\u0000")).hasMessageStartingWith("--data-dir: not a valid path");
        assertThatThrownBy(() -> ServerArguments.parse("--config", "a", "--config", "b")).hasMessage("--config given twice");
    }

    @Test
    void commandLineOverridesConfigFileWhichOverridesDefaults() throws IOException {
        Path conf = dir.resolve("ferrymq.conf");
        Files.write(conf, List.of("listeners.tcp.default = 0.0.0.0:6000", "data_dir = from-file", "heartbeat = 7"));

        BrokerConfig fileOnly = ServerArguments.parse("--config", conf.toString()).brokerConfig();
        assertThat(fileOnly.host()).isEqualTo("0.0.0.0");
        assertThat(fileOnly.amqpPort()).isEqualTo(6000);
        assertThat(fileOnly.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("from-file"));
        assertThat(fileOnly.heartbeatSeconds()).isEqualTo(7);

        BrokerConfig both = ServerArguments.parse("--config", conf.toString(), "--amqp-port", "0", "--bind", "127.0.0.1",
                "--data-dir", "cli").brokerConfig();
        assertThat(both.host()).isEqualTo("127.0.0.1");
        assertThat(both.amqpPort()).isEqualTo(0);
        assertThat(both.dataDir()).isEqualTo(Path.of("cli").toAbsolutePath());
        assertThat(both.heartbeatSeconds()).isEqualTo(7);
    }

    @Test
    void configErrorsSurface() throws IOException {
        Path conf = dir.resolve("bad.conf");
        Files.write(conf, List.of("nonsense = 1"));
        assertThatThrownBy(() -> ServerArguments.parse("--config", conf.toString()).brokerConfig())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(conf + ":1: nonsense: unknown key");
    }
}
