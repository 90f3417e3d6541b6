package org.ferrymq.jms.provider;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.ferrymq.jms.provider.amqp.AmqpProviderFactory;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void amqpAndAmqpsPickTheAmqpTransport() throws Exception {
        assertInstanceOf(AmqpProviderFactory.class, Transports.forUri(URI.create("amqp://localhost")));
        assertInstanceOf(AmqpProviderFactory.class, Transports.forUri(URI.create("AMQPS://localhost:5671/vh")));
    }

    @Test
    void anUnknownSchemeListsTheKnownOnes() {
        ProviderException e = assertThrows(ProviderException.class, () -> Transports.forUri(URI.create("nosuch://x")));
        assertTrue(e.getMessage().contains("amqp") && e.getMessage().contains("vm"), e.getMessage());
    }
}
