package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.Test;

class DurableSendFactoriesTest {

    @Test
    void ferryMqGetsItsDefaultFactoryAndTheSameConfigWithoutBlockingOnDurableSends() {
        DurableSendFactories<FerryConnectionFactory> factories = DurableSendFactories.ferryMq("amqp://guest:guest@127.0.0.1:5999");
        assertTrue(factories.blocking().isBlockOnDurableSend());
        assertFalse(factories.nonBlocking().isBlockOnDurableSend());
        assertEquals(factories.blocking().getConfig().toBuilder().blockOnDurableSend(false).build(), factories.nonBlocking().getConfig());
    }

    @Test
    void eachScenarioGetsTheFactoryItAsksFor() {
        DurableSendFactories<FerryConnectionFactory> factories = DurableSendFactories.ferryMq("vm://jmsbench");
        assertSame(factories.blocking(), factories.forScenario(PeerComparisonTest.QUEUE_P));
        assertSame(factories.nonBlocking(), factories.forScenario(PeerComparisonTest.QUEUE_P_NOWAIT));
        assertSame(factories.blocking(), factories.forScenario(PeerComparisonTest.QUEUE));
    }
}
