package org.ferrymq.broker.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The octet counters' rules: what a socket write is, a vhost's sum that keeps closed connections, the sampled rates. */
class TrafficCountersTest {
    @Test
    void aFlushIsASocketWriteOnlyWhenItCarriesOctets() {
        TrafficCounters c = TrafficCounters.forConnection();
        c.received(100);
        c.received(20);
        c.flushed(); // nothing written yet
        c.sent(300);
        c.sent(5);
        c.flushed();
        c.flushed(); // nothing since the last one
        assertThat(c.recvOct()).isEqualTo(120);
        assertThat(c.recvCnt()).isEqualTo(2);
        assertThat(c.sendOct()).isEqualTo(305);
        assertThat(c.sendCnt()).isEqualTo(1);
    }

    @Test
    void aVhostSumsItsConnectionsAndKeepsTheClosedOnes() {
        TrafficCounters vhost = TrafficCounters.forVhost();
        TrafficCounters a = TrafficCounters.forConnection();
        TrafficCounters b = TrafficCounters.forConnection();
        a.received(1_000);
        vhost.attach(a);
        vhost.attach(b);
        b.sent(50);
        b.flushed();
        assertThat(vhost.recvOct()).as("a's octets from before it logged in count too").isEqualTo(1_000);
        assertThat(vhost.sendOct()).isEqualTo(50);
        vhost.detach(a);
        vhost.detach(a); // twice: counted once
        a.received(7); // after its close: no longer the vhost's
        assertThat(vhost.recvOct()).isEqualTo(1_000);
        assertThat(vhost.recvCnt()).isEqualTo(1);
        assertThat(vhost.sendCnt()).isEqualTo(1);
    }

    @Test
    void ratesAndSamplesAreOctetsPerSecondAndTotals() {
        TrafficCounters c = TrafficCounters.forConnection();
        c.history(); // watched: samples are kept from now on
        c.sample(10_000);
        c.received(5_000);
        c.sent(1_000);
        c.sample(15_000);
        assertThat(c.rate(TrafficCounters.Kind.RECV_OCT)).isEqualTo(1_000.0);
        assertThat(c.rate(TrafficCounters.Kind.SEND_OCT)).isEqualTo(200.0);
        assertThat(c.history()).hasSize(1);
        assertThat(c.history().get(0).total("recv_oct")).isEqualTo(5_000);
        assertThat(c.history().get(0).total("send_oct")).isEqualTo(1_000);
        assertThat(TrafficCounters.forConnection().keptHistory()).as("an unwatched connection keeps none").isEmpty();
    }
}
