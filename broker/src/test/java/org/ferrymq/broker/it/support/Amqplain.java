package org.ferrymq.broker.it.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.impl.LongStringHelper;

/**
 * The AMQPLAIN mechanism (RabbitMQ's pre-SASL login, still used by some clients): the response
 * is a field table body, without its length prefix, holding LOGIN and PASSWORD as long strings.
 * The Java client ships only PLAIN and EXTERNAL, so the tests bring their own.
 */
public final class Amqplain implements SaslMechanism {
    public static final SaslConfig CONFIG = mechanisms -> {
        for (String m : mechanisms) {
            if (m.equals("AMQPLAIN")) {
                return new Amqplain();
            }
        }
        return null;
    };

    @Override
    public String getName() {
        return "AMQPLAIN";
    }

    @Override
    public LongString handleChallenge(LongString challenge, String username, String password) {
        return LongStringHelper.asLongString(response(username, password));
    }

    /** The AMQPLAIN response bytes for these credentials. */
    public static byte[] response(String username, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "LOGIN", username);
        entry(out, "PASSWORD", password);
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.write(k.length);
        out.writeBytes(k);
        out.write('S');
        out.write(v.length >>> 24);
        out.write(v.length >>> 16);
        out.write(v.length >>> 8);
        out.write(v.length);
        out.writeBytes(v);
    }
}
