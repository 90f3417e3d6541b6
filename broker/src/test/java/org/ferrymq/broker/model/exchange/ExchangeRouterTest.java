package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExchangeRouterTest {
    private final Map<String, Exchange> exchanges = new HashMap<>();

    private Exchange exchange(String name, ExchangeType type, Map<String, Object> arguments) {
        Exchange exchange = Exchange.create("/", name, type, false, false, false, arguments);
        exchanges.put(name, exchange);
        return exchange;
    }

    private Exchange exchange(String name, ExchangeType type) {
        return exchange(name, type, Map.of());
    }

    @Test
    void oneDirectBinding() {
        Exchange direct = exchange("", ExchangeType.DIRECT);
        TestQueue q = new TestQueue("q");
        direct.bind(q, "q", Map.of());
        assertThat(ExchangeRouter.route(direct, "q", null)).containsExactly(q);
        assertThat(ExchangeRouter.route(direct, "other", null)).isEmpty();
    }

    @Test
    void followsExchangeToExchangeBindingsAndReturnsOnlyQueues() {
        Exchange entry = exchange("entry", ExchangeType.TOPIC);
        Exchange audit = exchange("audit", ExchangeType.FANOUT);
        Exchange byHeader = exchange("by-header", ExchangeType.HEADERS);
        TestQueue orders = new TestQueue("orders");
        TestQueue log = new TestQueue("log");
        TestQueue pdf = new TestQueue("pdf");
        entry.bind(orders, "order.*", Map.of());
        entry.bind(audit, "#", Map.of());
        audit.bind(log, "", Map.of());
        audit.bind(byHeader, "", Map.of());
        byHeader.bind(pdf, "", Map.of("format", "pdf"));

        assertThat(ExchangeRouter.route(entry, "order.new", Map.of("format", "pdf")))
                .containsExactly(orders, log, pdf);
        assertThat(ExchangeRouter.route(entry, "user.new", Map.of())).containsExactly(log);
    }

    @Test
    void aQueueReachedTwoWaysGetsTheMessageOnce() {
        Exchange top = exchange("top", ExchangeType.FANOUT);
        Exchange left = exchange("left", ExchangeType.DIRECT);
        Exchange right = exchange("right", ExchangeType.TOPIC);
        TestQueue q = new TestQueue("q");
        TestQueue other = new TestQueue("other");
        top.bind(left, "", Map.of());
        top.bind(right, "", Map.of());
        top.bind(q, "", Map.of());
        left.bind(q, "k", Map.of());
        right.bind(q, "#", Map.of());
        right.bind(other, "k", Map.of());

        assertThat(ExchangeRouter.route(top, "k", null)).containsExactly(q, other);
    }

    @Test
    void anExchangeReachedTwoWaysIsRoutedThroughOnce() {
        Exchange top = exchange("top", ExchangeType.FANOUT);
        Exchange a = exchange("a", ExchangeType.FANOUT);
        Exchange b = exchange("b", ExchangeType.FANOUT);
        Exchange bottom = exchange("bottom", ExchangeType.FANOUT);
        CountingQueue q = new CountingQueue("q");
        top.bind(a, "", Map.of());
        top.bind(b, "", Map.of());
        a.bind(bottom, "", Map.of());
        b.bind(bottom, "", Map.of());
        bottom.bind(q, "", Map.of());
        assertThat(ExchangeRouter.route(top, "", null)).containsExactly(q);
    }

    @Test
    void cyclesEnd() {
        Exchange a = exchange("a", ExchangeType.FANOUT);
        Exchange b = exchange("b", ExchangeType.TOPIC);
        Exchange c = exchange("c", ExchangeType.DIRECT);
        TestQueue qa = new TestQueue("qa");
        TestQueue qc = new TestQueue("qc");
        a.bind(b, "", Map.of());
        b.bind(c, "#", Map.of());
        c.bind(a, "k", Map.of());
        c.bind(qc, "k", Map.of());
        a.bind(qa, "", Map.of());
        a.bind(a, "", Map.of()); // an exchange bound to itself

        assertThat(ExchangeRouter.route(a, "k", null)).containsExactly(qa, qc);
        assertThat(ExchangeRouter.route(c, "k", null)).containsExactly(qc, qa);
        assertThat(ExchangeRouter.route(b, "x", null)).isEmpty();
    }

    @Test
    void exchangesWithoutQueuesRouteNowhere() {
        Exchange a = exchange("a", ExchangeType.FANOUT);
        Exchange b = exchange("b", ExchangeType.FANOUT);
        a.bind(b, "", Map.of());
        List<Destination> routed = ExchangeRouter.route(a, "", null);
        assertThat(routed).isEmpty();
    }

    @Test
    void manyQueuesAreReturnedOnceInBindingOrder() {
        Exchange fanout = exchange("f", ExchangeType.FANOUT);
        Exchange topic = exchange("t", ExchangeType.TOPIC);
        fanout.bind(topic, "", Map.of());
        TestQueue[] queues = new TestQueue[20];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new TestQueue("q" + i);
            fanout.bind(queues[i], "", Map.of());
            topic.bind(queues[i], "#", Map.of());
        }
        assertThat(ExchangeRouter.route(fanout, "k", null)).containsExactly(queues);
    }

    @Test
    void alternateExchangeTakesWhatAnExchangeCannotRoute() {
        Exchange ae = exchange("ae", ExchangeType.FANOUT);
        Exchange x = exchange("x", ExchangeType.DIRECT, Map.of("alternate-exchange", "ae"));
        Exchange y = exchange("y", ExchangeType.FANOUT);
        TestQueue unrouted = new TestQueue("unrouted");
        TestQueue q = new TestQueue("q");
        ae.bind(unrouted, "", Map.of());
        x.bind(q, "to-q", Map.of());
        x.bind(y, "to-y", Map.of());

        assertThat(ExchangeRouter.route(x, "to-q", null, exchanges::get)).containsExactly(q);
        assertThat(ExchangeRouter.route(x, "other", null, exchanges::get)).containsExactly(unrouted);
        // as in RabbitMQ 3.10: x matched a binding (to y), so its alternate is not used even
        // though y routes nowhere
        assertThat(ExchangeRouter.route(x, "to-y", null, exchanges::get)).isEmpty();
        // no lookup, no alternate exchanges
        assertThat(ExchangeRouter.route(x, "other", null)).isEmpty();
        // an alternate exchange that does not exist is ignored
        Exchange dangling = exchange("dangling", ExchangeType.DIRECT, Map.of("alternate-exchange", "missing"));
        assertThat(ExchangeRouter.route(dangling, "k", null, exchanges::get)).isEmpty();
    }

    @Test
    void alternateExchangesChainAndTheirCyclesEnd() {
        Exchange a = exchange("a", ExchangeType.DIRECT, Map.of("alternate-exchange", "b"));
        Exchange b = exchange("b", ExchangeType.DIRECT, Map.of("alternate-exchange", "a"));
        Exchange c = exchange("c", ExchangeType.FANOUT);
        TestQueue q = new TestQueue("q");
        assertThat(ExchangeRouter.route(a, "k", null, exchanges::get)).isEmpty();
        b.bind(c, "k", Map.of());
        c.bind(q, "", Map.of());
        assertThat(ExchangeRouter.route(a, "k", null, exchanges::get)).containsExactly(q);
        // an exchange reached later in the chain also uses its alternate
        Exchange d = exchange("d", ExchangeType.FANOUT);
        d.bind(a, "", Map.of());
        assertThat(ExchangeRouter.route(d, "k", null, exchanges::get)).containsExactly(q);
    }

    @Test
    void resultIsImmutable() {
        Exchange fanout = exchange("f", ExchangeType.FANOUT);
        fanout.bind(new TestQueue("a"), "", Map.of());
        fanout.bind(new TestQueue("b"), "", Map.of());
        List<Destination> routed = ExchangeRouter.route(fanout, "", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> routed.add(new TestQueue("c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** A queue type that is not a record, to make sure nothing depends on TestQueue. */
    private static final class CountingQueue implements Destination {
        private final String name;

        CountingQueue(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
