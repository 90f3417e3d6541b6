package org.ferrymq.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSContext;
import jakarta.jms.XAConnectionFactory;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.TestEndpoints;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Transacted delivery over XA: the endpoint gets the session's XAResource; rollback redelivers, commit consumes. */
@Timeout(60)
class XaDeliveryTest {
    @TempDir
    Path data;

    @Test
    void theReceiptCommitsOrRollsBackWithTheEndpointsTransaction() throws Exception {
        FerryConnectionFactory client = new FerryConnectionFactory("vm://ferrymq-ra");
        Assumptions.assumeTrue((Object) client instanceof XAConnectionFactory, "the provider has XA");
        FerryResourceAdapter ra = new FerryResourceAdapter();
        ra.setEmbeddedBroker(true);
        ra.setEmbeddedDataDir(data.toString());
        ra.start(null);
        try {
            FerryActivationSpec spec = new FerryActivationSpec();
            spec.setResourceAdapter(ra);
            spec.setDestination("xa.orders");
            spec.setMaxSession(2);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch committed = new CountDownLatch(1);
            TestEndpoints endpoints = new TestEndpoints(m -> {
                try {
                    seen.add(m.getJMSRedelivered() + "/" + m.getIntProperty("JMSXDeliveryCount"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                if (seen.size() == 1) {
                    throw new IllegalStateException("the first attempt fails: the transaction rolls back");
                }
                committed.countDown();
            }, true);
            ra.endpointActivation(endpoints, spec);
            // endpoints are created on the activation's thread, after endpointActivation returned
            for (long until = System.currentTimeMillis() + 10_000; endpoints.xaResources.size() < 2 && System.currentTimeMillis() < until; ) {
                Thread.sleep(20);
            }
            assertEquals(2, endpoints.xaResources.size(), "each session's XAResource went to its endpoint");
            try (JMSContext ctx = client.createContext()) {
                ctx.createProducer().send(ctx.createQueue("xa.orders"), "order");
            }
            committed.await(20, TimeUnit.SECONDS);
            Thread.sleep(300);
            assertEquals(List.of("false/1", "true/2"), seen);
            ra.endpointDeactivation(endpoints, spec);
            try (JMSContext ctx = client.createContext()) {
                assertNull(ctx.createConsumer(ctx.createQueue("xa.orders")).receive(500), "the committed receipt consumed it");
            }
        } finally {
            ra.stop();
        }
    }
}
