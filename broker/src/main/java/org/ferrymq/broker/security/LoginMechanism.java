package org.ferrymq.broker.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;

/**
 * The SASL mechanisms a client may pick in {@code connection.start-ok}, and how to read the
 * credentials out of its response, as RabbitMQ 3.10 does (measured against it):
 *
 * <ul>
 * <li>{@code PLAIN} (RFC 4616): {@code NUL username NUL password}. RabbitMQ refuses a non-empty
 *     authorization identity before the first NUL, and so does this.</li>
 * <li>{@code AMQPLAIN}: an AMQP field table, without its length prefix, holding longstr
 *     fields {@code LOGIN} and {@code PASSWORD}.</li>
 * </ul>
 *
 * <p>Failures are {@link AmqpException}s with RabbitMQ's wording: an unknown mechanism is
 * COMMAND_INVALID "unknown authentication mechanism 'FOO'"; a malformed response is
 * ACCESS_REFUSED. RabbitMQ answers both by closing the socket without a {@code connection.close}
 * (it sends one, 403 with {@link AuthenticationResult#clientText}, only for refused credentials
 * and only to clients announcing the {@code authentication_failure_close} capability).
 */
public enum LoginMechanism {
    PLAIN,
    AMQPLAIN;

    /** The {@code mechanisms} field of {@code connection.start}, RabbitMQ's list and order. */
    public static final String OFFERED = "PLAIN AMQPLAIN";

    /** The mechanism called {@code name}, exactly as spelled (SASL names are upper case). */
    public static LoginMechanism named(String name) {
        for (LoginMechanism m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new AmqpException(ReplyCode.COMMAND_INVALID, "unknown authentication mechanism '" + name + "'");
    }

    /** The credentials in a {@code connection.start-ok} response for this mechanism. */
    public LoginCredentials decode(byte[] response) {
        return switch (this) {
            case PLAIN -> plain(response);
            case AMQPLAIN -> amqplain(response);
        };
    }

    private static LoginCredentials plain(byte[] r) {
        // authzid (must be empty) NUL username NUL password (no further NUL)
        if (r.length == 0 || r[0] != 0) {
            throw invalid("PLAIN response invalid: expected NUL username NUL password");
        }
        int second = indexOfNul(r, 1);
        if (second < 0 || indexOfNul(r, second + 1) >= 0) {
            throw invalid("PLAIN response invalid: expected NUL username NUL password");
        }
        return new LoginCredentials(utf8(r, 1, second - 1), utf8(r, second + 1, r.length - second - 1));
    }

    private static int indexOfNul(byte[] r, int from) {
        for (int i = from; i < r.length; i++) {
            if (r[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static LoginCredentials amqplain(byte[] r) {
        ByteBuffer in = ByteBuffer.wrap(r);
        String login = null;
        String password = null;
        try {
            while (in.hasRemaining()) {
                String name = shortString(in);
                char type = (char) (in.get() & 0xFF);
                if (type == 'S' && (name.equals("LOGIN") || name.equals("PASSWORD"))) {
                    String value = longString(in);
                    if (name.equals("LOGIN")) {
                        login = value;
                    } else {
                        password = value;
                    }
                } else {
                    skipFieldValue(type, in);
                }
            }
        } catch (RuntimeException malformed) { // BufferUnderflow, negative length, unknown type
            throw invalid("AMQPLAIN response invalid: not a field table");
        }
        if (login == null || password == null) {
            throw invalid("AMQPLAIN auth info is missing LOGIN or PASSWORD field");
        }
        return new LoginCredentials(login, password);
    }

    private static String shortString(ByteBuffer in) {
        int length = in.get() & 0xFF;
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String longString(ByteBuffer in) {
        int length = in.getInt();
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Field value sizes as RabbitMQ's table codec reads them (AMQP 0-9-1 errata types). */
    private static void skipFieldValue(char type, ByteBuffer in) {
        switch (type) {
            case 't', 'b', 'B' -> skip(in, 1);
            case 's', 'u' -> skip(in, 2);
            case 'I', 'i', 'f' -> skip(in, 4);
            case 'l', 'L', 'd', 'T' -> skip(in, 8);
            case 'D' -> skip(in, 5);
            case 'S', 'x', 'F', 'A' -> skip(in, in.getInt());
            case 'V' -> { }
            default -> throw new IllegalArgumentException("unknown field type " + type);
        }
    }

    private static void skip(ByteBuffer in, int n) {
        in.position(in.position() + n);
    }

    private static String utf8(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.UTF_8);
    }

    private static AmqpException invalid(String text) {
        return new AmqpException(ReplyCode.ACCESS_REFUSED, text);
    }
}
