package org.ferrymq.jms.provider.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import com.rabbitmq.client.Address;

import org.ferrymq.jms.provider.ProviderException;
import org.junit.jupiter.api.Test;

class BrokerAddressesTest {

    @Test
    void oneHostIsOneNodeAndTheUriItself() throws Exception {
        BrokerAddresses a = BrokerAddresses.of(new URI("amqp://guest:guest@127.0.0.1:5682/prod?heartbeat=10"));
        assertEquals(List.of(new Address("127.0.0.1", 5682)), a.nodes());
        assertEquals(new URI("amqp://guest:guest@127.0.0.1:5682/prod?heartbeat=10"), a.firstNode());
    }

    @Test
    void commaSeparatedHostsAreTheNodesOfACluster() throws Exception {
        BrokerAddresses a = BrokerAddresses.of(new URI("amqp://app:s%40cret@rabbit1:5672,rabbit2,rabbit3:5673/orders"));
        assertEquals(List.of(new Address("rabbit1", 5672), new Address("rabbit2", -1), new Address("rabbit3", 5673)), a.nodes());
        URI first = a.firstNode();
        assertEquals("rabbit1", first.getHost());
        assertEquals(5672, first.getPort());
        assertEquals("app:s%40cret", first.getRawUserInfo());
        assertEquals("/orders", first.getRawPath());
        assertEquals("rabbit1:5672,rabbit2:5671,rabbit3:5673", a.describe(5671));
    }

    @Test
    void aHostWithoutUserInfoOrPathWorks() throws Exception {
        BrokerAddresses a = BrokerAddresses.of(new URI("amqps://h1,h2:5999"));
        assertEquals(List.of(new Address("h1", -1), new Address("h2", 5999)), a.nodes());
        assertEquals(new URI("amqps://h1"), a.firstNode());
    }

    @Test
    void anEmptyHostInTheListIsABadUri() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> BrokerAddresses.of(new URI("amqp://guest:guest@h1:5672,,h2:5672/")));
        assertTrue(e.getMessage().contains("empty host"), e.getMessage());
    }
}
