package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random bind / unbind / unbindAll sequences on every exchange type, checked after each step
 * against a plain list of bindings and a deliberately naive matcher: what the exchange routes
 * and which bindings it reports must always agree with the model. Seeded, so failures replay.
 */
class ExchangeModelTest {
    private static final String[] WORDS = {"a", "b", "", "*", "#"};
    private static final String[] KEY_WORDS = {"a", "b", "", "c"};

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void agreesWithANaiveModel(ExchangeType type) {
        for (long seed = 1; seed <= 12; seed++) {
            run(type, new Random(seed * 31 + type.ordinal()), seed);
        }
    }

    private static void run(ExchangeType type, Random random, long seed) {
        Exchange exchange = Exchange.create("/", "model", type, false, false, false, null);
        List<TestQueue> queues = List.of(new TestQueue("q0"), new TestQueue("q1"), new TestQueue("q2"));
        List<Binding> model = new ArrayList<>();
        for (int step = 0; step < 150; step++) {
            TestQueue q = queues.get(random.nextInt(queues.size()));
            String key = randomKey(random, WORDS);
            Map<String, Object> args = randomArguments(random, type);
            Binding binding = new Binding("model", q, key, args);
            int op = random.nextInt(10);
            String context = "seed " + seed + " step " + step + " " + type + " op " + op + " " + binding;
            if (op < 6) {
                boolean expected = !model.contains(binding);
                assertThat(exchange.bind(q, key, args)).as(context).isEqualTo(expected);
                if (expected) {
                    model.add(binding);
                }
            } else if (op < 9) {
                // unbind something that exists half of the time
                if (!model.isEmpty() && random.nextBoolean()) {
                    binding = model.get(random.nextInt(model.size()));
                }
                boolean expected = model.remove(binding);
                assertThat(exchange.unbind(binding.destination(), binding.routingKey(), binding.arguments()))
                        .as(context).isEqualTo(expected);
            } else {
                exchange.unbindAll(q);
                model.removeIf(b -> b.destination() == q);
            }
            assertThat(exchange.bindings()).as(context).containsExactlyElementsOf(model);
            assertThat(exchange.hasBindings()).as(context).isEqualTo(!model.isEmpty());
            for (int probe = 0; probe < 5; probe++) {
                String routingKey = randomKey(random, KEY_WORDS);
                Map<String, Object> headers = randomHeaders(random);
                List<Destination> routed = new ArrayList<>();
                exchange.route(routingKey, headers, routed::add);
                assertThat(routed).as(context + " routing '" + routingKey + "' " + headers)
                        .doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected(type, model, routingKey, headers));
            }
        }
    }

    private static Set<Destination> expected(ExchangeType type, List<Binding> model, String key,
                                              Map<String, Object> headers) {
        Set<Destination> expected = new LinkedHashSet<>();
        for (Binding b : model) {
            boolean matches = switch (type) {
                case DIRECT -> b.routingKey().equals(key);
                case FANOUT -> true;
                case TOPIC -> NaiveTopic.matches(b.routingKey(), key);
                case HEADERS -> naiveHeaders(b.arguments(), headers);
            };
            if (matches) {
                expected.add(b.destination());
            }
        }
        return expected;
    }

    /** x-match all / any over non-x- arguments, values by equals or presence for void. */
    private static boolean naiveHeaders(Map<String, Object> args, Map<String, Object> headers) {
        boolean any = "any".equals(args.get("x-match"));
        int considered = 0;
        int matched = 0;
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (e.getKey().startsWith("x-")) {
                continue;
            }
            considered++;
            if (headers.containsKey(e.getKey())
                    && (e.getValue() == null || Objects.equals(e.getValue(), headers.get(e.getKey())))) {
                matched++;
            }
        }
        return any ? matched > 0 : matched == considered;
    }

    private static String randomKey(Random random, String[] words) {
        int length = random.nextInt(4);
        if (length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            parts.add(words[random.nextInt(words.length)]);
        }
        return String.join(".", parts);
    }

    private static Map<String, Object> randomArguments(Random random, ExchangeType type) {
        if (type != ExchangeType.HEADERS) {
            return random.nextInt(4) == 0 ? Map.of("n", random.nextInt(2)) : Map.of();
        }
        java.util.HashMap<String, Object> args = new java.util.HashMap<>();
        if (random.nextBoolean()) {
            args.put("x-match", random.nextBoolean() ? "all" : "any");
        }
        if (random.nextBoolean()) {
            args.put("h1", random.nextInt(2));
        }
        if (random.nextBoolean()) {
            args.put("h2", random.nextBoolean() ? "v" : null);
        }
        return args;
    }

    private static Map<String, Object> randomHeaders(Random random) {
        java.util.HashMap<String, Object> headers = new java.util.HashMap<>();
        if (random.nextBoolean()) {
            headers.put("h1", random.nextInt(2));
        }
        if (random.nextBoolean()) {
            headers.put("h2", random.nextBoolean() ? "v" : "w");
        }
        return headers;
    }
}
