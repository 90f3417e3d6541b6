package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;

import org.ferrymq.jms.provider.ProviderException;
import org.junit.jupiter.api.Test;

class VmAddressTest {
    private static VmAddress parse(String uri) throws ProviderException {
        return VmAddress.parse(URI.create(uri), null, null);
    }

    @Test
    void theDefaultBrokerVhostAndGuest() throws Exception {
        for (String uri : new String[] {"vm://default", "vm:///", "vm://default/", "vm:/", "vm://DEFAULT/%2F"}) {
            VmAddress a = parse(uri);
            assertNull(a.brokerName(), uri);
            assertEquals("/", a.vhost(), uri);
            assertEquals("guest", a.user(), uri);
            assertEquals("guest", a.password(), uri);
            assertNull(a.dataDir(), uri);
        }
    }

    @Test
    void aNamedBrokerByParameterOrHost() throws Exception {
        assertEquals("orders", parse("vm://?broker=orders").brokerName());
        assertEquals("orders", parse("vm:///?broker=orders").brokerName());
        assertEquals("orders", parse("vm://orders").brokerName());
        assertEquals("orders", parse("vm://default?broker=orders").brokerName());
    }

    @Test
    void credentialsVhostAndDataDir() throws Exception {
        VmAddress a = parse("vm://alice:s%40cret@default/sales?dataDir=/tmp/x");
        assertEquals("alice", a.user());
        assertEquals("s@cret", a.password());
        assertEquals("sales", a.vhost());
        assertEquals(Path.of("/tmp/x"), a.dataDir());
        VmAddress noHost = parse("vm://bob:pw@/vh");
        assertEquals("bob", noHost.user());
        assertEquals("pw", noHost.password());
        assertNull(noHost.brokerName());
        assertEquals("vh", noHost.vhost());
        VmAddress overridden = VmAddress.parse(URI.create("vm://alice:x@default"), "carol", "y");
        assertEquals("carol", overridden.user());
        assertEquals("y", overridden.password());
    }

    @Test
    void unknownParametersAndOtherSchemesAreRefused() {
        assertThrows(ProviderException.class, () -> parse("vm://default?brokr=x"));
        assertThrows(ProviderException.class, () -> parse("amqp://localhost"));
    }
}
