package org.ferrymq.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.security.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command paths that do not start a broker; starting one is {@link FerryServerMainIT}'s job. */
class FerryServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return FerryServerMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("Usage: ferrymq").contains("--amqp-port", "--data-dir", "--config", "--bind");
    }

    @Test
    void hashPasswordPrintsAUsableHash() {
        assertThat(run("hash-password", "s3cret")).isZero();
        String hash = out().strip();
        assertThat(PasswordHash.matches(hash, "s3cret")).isTrue();
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        assertThat(run("--amqp-port", "x")).isEqualTo(2);
        assertThat(err()).isEqualTo("ferrymq: --amqp-port must be a number within 0..65535, got 'x'" + System.lineSeparator());
        assertThat(out()).isEmpty();
    }

    @Test
    void badConfigExitsOneWithOneLine() throws IOException {
        Path conf = dir.resolve("f.conf");
        Files.write(conf, List.of("heartbeat = soon"));
        assertThat(run("--config", conf.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("ferrymq: " + conf + ":1: heartbeat: expected a whole number, got 'soon'"
                + System.lineSeparator());
    }

    @Test
    void missingConfigExitsOne() {
        assertThat(run("--config", dir.resolve("none.conf").toString())).isEqualTo(1);
        assertThat(err()).contains("none.conf: no such file");
    }

    @Test
    void portInUseIsExplained() {
        BrokerConfig config = BrokerConfig.builder().amqpPort(5672).build();
        RuntimeException e = new IllegalStateException("bind failed", new BindException("Address already in use"));
        assertThat(FerryServerMain.startFailure(config, e)).isEqualTo(
                "cannot listen on 127.0.0.1:5672: address already in use (is another broker running? try --amqp-port)");
    }

    @Test
    void otherStartFailuresGiveTheRootCause() {
        BrokerConfig config = BrokerConfig.builder().build();
        RuntimeException e = new IllegalStateException("outer", new IOException("disk full\nmore detail"));
        assertThat(FerryServerMain.startFailure(config, e)).isEqualTo("broker failed to start: disk full");
    }

    @Test
    void ipv6HostsAreBracketed() {
        assertThat(FerryServerMain.uriHost("::1")).isEqualTo("[::1]");
        assertThat(FerryServerMain.uriHost("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
