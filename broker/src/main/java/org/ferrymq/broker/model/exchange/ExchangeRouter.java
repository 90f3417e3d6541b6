package org.ferrymq.broker.model.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.ferrymq.selector.SelectorContext;

/**
 * Routes a message from its first exchange to its final destinations, following
 * exchange-to-exchange bindings: an {@link Exchange} among the destinations is routed through
 * again with the same key and headers. Each exchange is visited at most once (cycles end),
 * and each final destination is returned once however many paths reach it (diamonds), in the
 * order first reached (breadth-first).
 *
 * <p>A binding with a selector ({@link SelectedDestination}) passes the message on only if
 * its selector matches the message, seen through the {@link SelectorContext} given; without
 * one, such bindings match nothing.
 *
 * <p>With an exchange lookup, an exchange whose own bindings matched nothing passes the
 * message to its {@code alternate-exchange}, if that exchange exists, as RabbitMQ does.
 *
 * <h2>Threads</h2>
 * Stateless and lock-free; safe from any thread. The common case (a direct exchange with one
 * matching queue) allocates only the one-element result list.
 */
public final class ExchangeRouter {

    private ExchangeRouter() {
    }

    /** The final (non-exchange) destinations of a message published to {@code start}. */
    public static List<Destination> route(Exchange start, String routingKey,
                                          Map<String, Object> headers) {
        return route(start, routingKey, headers, null, null);
    }

    /** As {@link #route(Exchange, String, Map, Function, SelectorContext)} with no message to select on. */
    public static List<Destination> route(Exchange start, String routingKey, Map<String, Object> headers,
                                          Function<String, Exchange> exchangeLookup) {
        return route(start, routingKey, headers, exchangeLookup, null);
    }

    /**
     * As {@link #route(Exchange, String, Map)}, also following alternate exchanges.
     *
     * @param exchangeLookup finds an exchange of the same virtual host by name, or returns
     *                       null; null disables alternate exchanges
     * @param message        the message as selectors see it, for bindings with a selector;
     *                       null if there is none (such bindings then match nothing)
     */
    public static List<Destination> route(Exchange start, String routingKey,
                                          Map<String, Object> headers,
                                          Function<String, Exchange> exchangeLookup,
                                          SelectorContext message) {
        if (start instanceof DirectExchange direct) {
            // the common case, a queue bound by its name: no collector, one small list
            Destination[] destinations = direct.destinationsFor(routingKey);
            if (destinations.length == 1 && !(destinations[0] instanceof Exchange)
                    && !(destinations[0] instanceof SelectedDestination)) {
                return List.of(destinations[0]);
            }
        }
        Collector collector = new Collector(message);
        start.route(routingKey, headers, collector);
        if (collector.exchanges == null) {
            if (collector.matched == 1) {
                return List.of(collector.first);  // the common case
            }
            if (collector.matched == 0 && !hasAlternate(start, exchangeLookup)) {
                return List.of();
            }
        }
        return routeThroughExchanges(start, routingKey, headers, exchangeLookup, collector);
    }

    private static List<Destination> routeThroughExchanges(Exchange start, String routingKey,
                                                           Map<String, Object> headers,
                                                           Function<String, Exchange> exchangeLookup,
                                                           Collector collector) {
        DistinctList<Exchange> visited = new DistinctList<>();
        visited.add(start);
        collector.alternateIfUnrouted(start, exchangeLookup);
        // visited doubles as the breadth-first work list: exchanges are appended as found
        for (int next = 0; ; next++) {
            if (collector.exchanges != null) {
                for (Exchange exchange : collector.exchanges) {
                    visited.add(exchange);
                }
                collector.exchanges = null;
            }
            if (next + 1 >= visited.size()) {
                break;
            }
            Exchange exchange = visited.get(next + 1);
            collector.matched = 0;
            exchange.route(routingKey, headers, collector);
            collector.alternateIfUnrouted(exchange, exchangeLookup);
        }
        return collector.result();
    }

    private static boolean hasAlternate(Exchange exchange, Function<String, Exchange> exchangeLookup) {
        return exchangeLookup != null && exchange.alternateExchange().isPresent();
    }

    /** Receives one exchange's matches: final destinations (deduplicated) and exchanges. */
    private static final class Collector implements Consumer<Destination> {
        private final SelectorContext message;
        Destination first;
        DistinctList<Destination> rest;
        List<Exchange> exchanges;
        int matched;

        Collector(SelectorContext message) {
            this.message = message;
        }

        @Override
        public void accept(Destination destination) {
            if (destination instanceof SelectedDestination selected) {
                // a binding with a selector that does not match has not routed the message
                if (!selected.admits(message)) {
                    return;
                }
                destination = selected.target();
            }
            matched++;
            if (destination instanceof Exchange exchange) {
                if (exchanges == null) {
                    exchanges = new ArrayList<>(2);
                }
                exchanges.add(exchange);
            } else if (first == null) {
                first = destination;
            } else if (!first.equals(destination)) {
                if (rest == null) {
                    rest = new DistinctList<>();
                }
                rest.add(destination);
            }
        }

        void alternateIfUnrouted(Exchange exchange, Function<String, Exchange> exchangeLookup) {
            if (matched == 0 && exchangeLookup != null) {
                Optional<String> alternate = exchange.alternateExchange();
                if (alternate.isPresent()) {
                    Exchange found = exchangeLookup.apply(alternate.get());
                    if (found != null) {
                        accept(found);
                    }
                }
            }
        }

        List<Destination> result() {
            if (first == null) {
                return List.of();
            }
            if (rest == null) {
                return List.of(first);
            }
            List<Destination> all = new ArrayList<>(rest.size() + 1);
            all.add(first);
            for (int i = 0; i < rest.size(); i++) {
                all.add(rest.get(i));
            }
            return List.copyOf(all);
        }
    }
}
