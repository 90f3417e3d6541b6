package org.ferrymq.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void shortStr(ByteArrayOutputStream out, String s) {
        byte[] b = bytes(s);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static void longStr(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    @Test
    void offersWhatRabbitMqOffers() {
        assertThat(LoginMechanism.OFFERED).isEqualTo("PLAIN AMQPLAIN");
        assertThat(LoginMechanism.named("PLAIN")).isEqualTo(LoginMechanism.PLAIN);
        assertThat(LoginMechanism.named("AMQPLAIN")).isEqualTo(LoginMechanism.AMQPLAIN);
    }

    @Test
    void unknownMechanismIsCommandInvalid() {
        assertThatThrownBy(() -> LoginMechanism.named("FOO")).isInstanceOfSatisfying(AmqpException.class, e -> {
            assertThat(e.replyCode()).isEqualTo(ReplyCode.COMMAND_INVALID);
            assertThat(e.getMessage()).isEqualTo("unknown authentication mechanism 'FOO'");
        });
        assertThatThrownBy(() -> LoginMechanism.named("plain")).isInstanceOf(AmqpException.class);
    }

    @Test
    void plain() {
        assertThat(LoginMechanism.PLAIN.decode(bytes("\0guest\0gu est é")))
                .isEqualTo(new LoginCredentials("guest", "gu est é"));
        assertThat(LoginMechanism.PLAIN.decode(bytes("\0\0"))).isEqualTo(new LoginCredentials("", ""));
    }

    @Test
    void malformedPlainIsRefusedAsRabbitMqRefusesIt() {
        for (String bad : new String[] {"", "guestguest", "\0guestguest", "someone\0guest\0guest", "\0a\0b\0c"}) {
            assertThatThrownBy(() -> LoginMechanism.PLAIN.decode(bytes(bad)))
                    .as(bad.replace("\0", "<NUL>"))
                    .isInstanceOfSatisfying(AmqpException.class,
                            e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.ACCESS_REFUSED));
        }
    }

    @Test
    void amqplain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        shortStr(out, "other");
        out.write('I');
        out.writeBytes(new byte[4]);
        shortStr(out, "LOGIN");
        out.write('S');
        longStr(out, bytes("guest"));
        shortStr(out, "PASSWORD");
        out.write('S');
        longStr(out, bytes("pw"));
        assertThat(LoginMechanism.AMQPLAIN.decode(out.toByteArray())).isEqualTo(new LoginCredentials("guest", "pw"));
    }

    @Test
    void amqplainWithoutPasswordOrMalformed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        shortStr(out, "LOGIN");
        out.write('S');
        longStr(out, bytes("guest"));
        assertThatThrownBy(() -> LoginMechanism.AMQPLAIN.decode(out.toByteArray()))
                .hasMessage("AMQPLAIN auth info is missing LOGIN or PASSWORD field");
        assertThatThrownBy(() -> LoginMechanism.AMQPLAIN.decode(new byte[] {5, 'L', 'O', 'G'}))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.ACCESS_REFUSED);
                    assertThat(e.getMessage()).isEqualTo("AMQPLAIN response invalid: not a field table");
                });
        assertThatThrownBy(() -> LoginMechanism.AMQPLAIN.decode(new byte[] {1, 'X', '?'}))
                .hasMessage("AMQPLAIN response invalid: not a field table");
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(new LoginCredentials("bob", "secret").toString()).doesNotContain("secret").contains("bob");
    }
}
