package org.ferrymq.broker.model.exchange;

/**
 * The topic semantics written the slow, obvious way (recursion over both word lists), as an
 * oracle for tests: {@code *} is one word, {@code #} zero or more, "" has no words.
 */
final class NaiveTopic {
    private NaiveTopic() {
    }

    static boolean matches(String pattern, String key) {
        return matches(TopicMatcher.words(pattern), 0, TopicMatcher.words(key), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        if (p == pattern.length) {
            return k == key.length;
        }
        if (pattern[p].equals("#")) {
            return matches(pattern, p + 1, key, k) || (k < key.length && matches(pattern, p, key, k + 1));
        }
        if (k == key.length) {
            return false;
        }
        return (pattern[p].equals("*") || pattern[p].equals(key[k])) && matches(pattern, p + 1, key, k + 1);
    }
}
