package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicMatcherTest {

    private static List<Destination> match(TopicMatcher matcher, String key) {
        List<Destination> out = new ArrayList<>();
        matcher.match(key, out::add);
        return out;
    }

    private static boolean matches(String pattern, String key) {
        TestQueue q = new TestQueue("q");
        return match(TopicMatcher.EMPTY.with(pattern, q), key).contains(q);
    }

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            # tutorial five: *.orange.*, *.*.rabbit, lazy.#
            *.orange.*   | quick.orange.rabbit  | true
            *.*.rabbit   | quick.orange.rabbit  | true
            *.orange.*   | lazy.orange.elephant | true
            lazy.#       | lazy.orange.elephant | true
            *.orange.*   | quick.orange.fox     | true
            lazy.#       | lazy.brown.fox       | true
            *.*.rabbit   | lazy.pink.rabbit     | true
            lazy.#       | lazy.pink.rabbit     | true
            *.orange.*   | quick.brown.fox      | false
            *.*.rabbit   | quick.brown.fox      | false
            lazy.#       | quick.brown.fox      | false
            *.orange.*   | orange               | false
            *.orange.*   | quick.orange.new.rabbit | false
            lazy.#       | lazy.orange.new.rabbit  | true
            *.*.rabbit   | quick.orange.new.rabbit | false
            # wildcards
            #.news       | news                 | true
            #.news       | a.b.news             | true
            #.news       | news.a               | false
            *.weather    | usa.weather          | true
            *.weather    | weather              | false
            *.weather    | a.b.weather          | false
            europe.#     | europe               | true
            europe.#     | europe.a.b           | true
            europe.#     | europ                | false
            #            | ''                   | true
            #            | a.b.c                | true
            *            | ''                   | false
            *            | a                    | true
            *            | a.b                  | false
            a.*.#        | a                    | false
            a.*.#        | a.b                  | true
            a.*.#        | a.b.c.d              | true
            #.#          | ''                   | true
            #.#          | a.b                  | true
            ''           | ''                   | true
            ''           | a                    | false
            # empty words
            a..b         | a..b                 | true
            a..b         | a.b                  | false
            a.*.b        | a..b                 | true
            *            | .                    | false
            *.*          | .                    | true
            a.           | a                    | false
            a.#          | a.                   | true
            # literal * and # in a routing key are plain words
            a.b          | a.*                  | false
            a.*          | a.*                  | true
            """)
    void matchesLikeRabbitMq(String pattern, String key, boolean expected) {
        assertThat(matches(pattern, key)).isEqualTo(expected);
    }

    /**
     * Recorded from RabbitMQ 3.10 (the peer at 127.0.0.1:5682): one queue per pattern bound to
     * a topic exchange, each key published once; each line lists the keys the queue received.
     */
    private static final String RECORDED_BY_RABBITMQ = """
            "#.news" -> [europe.news],[usa.news],[news],[europe.x.news]
            "*.weather" -> [usa.weather]
            "europe.#" -> [europe],[europe.news],[europe.x.news]
            "#" -> [],[.],[..],[a],[a.],[.a],[a.b],[a..b],[a.b.c],[europe],[europe.news],[usa.news],[usa.weather],[news],[a.x.b],[a.b.b],[*],[#],[a.*],[x.a.y],[a.a.a],[europe.x.news]
            "*" -> [a],[europe],[news],[*],[#]
            "a.*.#" -> [a.],[a.b],[a..b],[a.b.c],[a.x.b],[a.b.b],[a.*],[a.a.a]
            "" -> []
            "#.#" -> [],[.],[..],[a],[a.],[.a],[a.b],[a..b],[a.b.c],[europe],[europe.news],[usa.news],[usa.weather],[news],[a.x.b],[a.b.b],[*],[#],[a.*],[x.a.y],[a.a.a],[europe.x.news]
            "a..b" -> [a..b]
            "a." -> [a.]
            ".a" -> [.a]
            "*.*" -> [.],[a.],[.a],[a.b],[europe.news],[usa.news],[usa.weather],[a.*]
            "a.#.b" -> [a.b],[a..b],[a.x.b],[a.b.b]
            "#.a.#" -> [a],[a.],[.a],[a.b],[a..b],[a.b.c],[a.x.b],[a.b.b],[a.*],[x.a.y],[a.a.a]
            "a.*" -> [a.],[a.b],[a.*]
            "*." -> [.],[a.]
            "#." -> [.],[..],[a.]
            ".#" -> [.],[..],[.a]
            "a.#.#.b" -> [a.b],[a..b],[a.x.b],[a.b.b]
            "#.*" -> [.],[..],[a],[a.],[.a],[a.b],[a..b],[a.b.c],[europe],[europe.news],[usa.news],[usa.weather],[news],[a.x.b],[a.b.b],[*],[#],[a.*],[x.a.y],[a.a.a],[europe.x.news]
            "*.#" -> [.],[..],[a],[a.],[.a],[a.b],[a..b],[a.b.c],[europe],[europe.news],[usa.news],[usa.weather],[news],[a.x.b],[a.b.b],[*],[#],[a.*],[x.a.y],[a.a.a],[europe.x.news]
            "#.#.a" -> [a],[.a],[a.a.a]
            "*.*.*" -> [..],[a..b],[a.b.c],[a.x.b],[a.b.b],[x.a.y],[a.a.a],[europe.x.news]
            "a.b.c" -> [a.b.c]
            """;

    private static final String[] KEYS = {"", ".", "..", "a", "a.", ".a", "a.b", "a..b", "a.b.c",
        "europe", "europe.news", "usa.news", "usa.weather", "news", "a.x.b", "a.b.b", "*", "#", "a.*",
        "x.a.y", "a.a.a", "europe.x.news"};

    @Test
    void matchesTheRecordedRabbitMqTable() {
        // all patterns in one matcher, as one exchange would hold them
        Map<String, TestQueue> queues = new LinkedHashMap<>();
        TopicMatcher matcher = TopicMatcher.EMPTY;
        for (String line : RECORDED_BY_RABBITMQ.lines().toList()) {
            String pattern = line.substring(1, line.indexOf("\" -> "));
            TestQueue q = new TestQueue(pattern);
            queues.put(pattern, q);
            matcher = matcher.with(pattern, q);
        }
        Map<String, List<String>> received = new LinkedHashMap<>();
        queues.keySet().forEach(p -> received.put(p, new ArrayList<>()));
        for (String key : KEYS) {
            List<Destination> out = match(matcher, key);
            assertThat(out).doesNotHaveDuplicates();
            out.forEach(q -> received.get(q.name()).add("[" + key + "]"));
        }
        List<String> actual = new ArrayList<>();
        received.forEach((pattern, keys) -> actual.add("\"" + pattern + "\" -> " + String.join(",", keys)));
        assertThat(actual).containsExactlyElementsOf(RECORDED_BY_RABBITMQ.lines().toList());
    }

    @Test
    void theNaiveOracleAgreesWithTheRecordedTableToo() {
        for (String line : RECORDED_BY_RABBITMQ.lines().toList()) {
            String pattern = line.substring(1, line.indexOf("\" -> "));
            List<String> keys = new ArrayList<>();
            for (String key : KEYS) {
                if (NaiveTopic.matches(pattern, key)) {
                    keys.add("[" + key + "]");
                }
            }
            assertThat("\"" + pattern + "\" -> " + String.join(",", keys)).isEqualTo(line);
        }
    }

    @Test
    void randomPatternsAndKeysAgreeWithTheNaiveOracle() {
        java.util.Random random = new java.util.Random(42);
        String[] patternWords = {"a", "b", "", "*", "#"};
        String[] keyWords = {"a", "b", "", "c"};
        for (int round = 0; round < 300; round++) {
            Map<String, TestQueue> queues = new LinkedHashMap<>();
            TopicMatcher matcher = TopicMatcher.EMPTY;
            for (int i = 0; i < 8; i++) {
                String pattern = randomKey(random, patternWords, 6);
                TestQueue q = queues.computeIfAbsent(pattern, TestQueue::new);
                matcher = matcher.with(pattern, q);
            }
            for (int i = 0; i < 20; i++) {
                String key = randomKey(random, keyWords, 6);
                List<Destination> expected = new ArrayList<>();
                queues.forEach((pattern, q) -> {
                    if (NaiveTopic.matches(pattern, key)) {
                        expected.add(q);
                    }
                });
                assertThat(match(matcher, key)).as("key '%s' against %s", key, queues.keySet())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private static String randomKey(java.util.Random random, String[] words, int maxWords) {
        int length = random.nextInt(maxWords + 1);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            parts.add(words[random.nextInt(words.length)]);
        }
        return String.join(".", parts);
    }

    @Test
    void aDestinationMatchedByManyPatternsIsEmittedOnce() {
        TestQueue q = new TestQueue("q");
        TestQueue other = new TestQueue("other");
        TopicMatcher matcher = TopicMatcher.EMPTY
                .with("#", q).with("a.*", q).with("*.b", other).with("#.b", q).with("a.#.b", other);
        assertThat(match(matcher, "a.b")).containsExactlyInAnyOrder(q, other);
    }

    @Test
    void withAndWithoutReturnNewMatchersAndLeaveTheOldOneIntact() {
        TestQueue q = new TestQueue("q");
        TopicMatcher one = TopicMatcher.EMPTY.with("a.*", q);
        TopicMatcher two = one.with("b.#", q);
        assertThat(one.with("a.*", q)).isSameAs(one);
        assertThat(match(one, "b.c")).isEmpty();
        assertThat(match(two, "b.c")).containsExactly(q);

        TopicMatcher back = two.without("b.#", q);
        assertThat(match(back, "b.c")).isEmpty();
        assertThat(match(back, "a.x")).containsExactly(q);
        assertThat(match(two, "b.c")).containsExactly(q);
        assertThat(back.without("nothing.here", q)).isSameAs(back);
        assertThat(back.without("a.*", q).isEmpty()).isTrue();
    }

    @Test
    void removingOnePatternKeepsItsNeighbours() {
        TestQueue q1 = new TestQueue("q1");
        TestQueue q2 = new TestQueue("q2");
        TopicMatcher matcher = TopicMatcher.EMPTY.with("a.b", q1).with("a.b.c", q2).with("a.b", q2);
        matcher = matcher.without("a.b", q1);
        assertThat(match(matcher, "a.b")).containsExactly(q2);
        assertThat(match(matcher, "a.b.c")).containsExactly(q2);
        matcher = matcher.without("a.b", q2);
        assertThat(match(matcher, "a.b")).isEmpty();
        assertThat(match(matcher, "a.b.c")).containsExactly(q2);
    }

    @Test
    void runsOfHashCollapse() {
        assertThat(TopicMatcher.canonicalPattern("#.#")).isEqualTo("#");
        assertThat(TopicMatcher.canonicalPattern("a.#.#.#.b.#")).isEqualTo("a.#.b.#");
        assertThat(TopicMatcher.canonicalPattern("a..b")).isEqualTo("a..b");
        assertThat(TopicMatcher.canonicalPattern("")).isEqualTo("");
    }

    @Test
    void splitsKeysLikeRabbitMq() {
        assertThat(TopicMatcher.words("")).isEmpty();
        assertThat(TopicMatcher.words("a")).containsExactly("a");
        assertThat(TopicMatcher.words(".")).containsExactly("", "");
        assertThat(TopicMatcher.words("a..b.")).containsExactly("a", "", "b", "");
    }

    // Without memoised (node, position) pairs these two walks are exponential (years, not seconds):
    // the timeout guards against that regression, it is no performance target, so it is generous.
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void patternsFullOfWildcardsCannotStallAnEventLoop() {
        TestQueue q = new TestQueue("q");
        String pattern = String.join(".", java.util.Collections.nCopies(12, "#.*")) + ".never";
        TopicMatcher matcher = TopicMatcher.EMPTY.with(pattern, q).with("#.*.#.*.#", q);
        String key = String.join(".", java.util.Collections.nCopies(255, "w"));
        assertThat(match(matcher, key)).containsExactly(q);
        assertThat(match(matcher, key + ".never")).containsExactly(q);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void manyHashesOnALongKeyStayFast() {
        TestQueue q = new TestQueue("q");
        TopicMatcher matcher = TopicMatcher.EMPTY.with("#.a.#.b.#.c.#.d.#", q);
        String key = String.join(".", java.util.Collections.nCopies(60, "x")) + ".a.b.c";
        assertThat(match(matcher, key)).isEmpty();
    }
}
