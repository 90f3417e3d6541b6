package org.ferrymq.broker.model.exchange;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Topic patterns to destinations, as an immutable trie over dot-separated words: a pattern
 * word {@code *} matches exactly one word, {@code #} zero or more words, any other word only
 * itself. Words may be empty ({@code "a..b"} has three words, {@code "a."} two), and the empty
 * key has no words at all, so it matches the patterns {@code ""} and {@code #} but not
 * {@code *} (as RabbitMQ splits keys).
 *
 * <p>Matching walks the trie along the key's words, so its cost depends on the key and on
 * the wildcards along the way, not on the number of patterns; no regular expressions.
 * Runs of {@code #} collapse to one ({@code #.#} is {@code #}), and the walk below a
 * {@code #} visits each (node, word position) pair once, so patterns with many wildcards cost
 * at most trie nodes × key words instead of exploding combinatorially.
 *
 * <h2>Threads</h2>
 * Immutable and therefore safe to match from any thread. {@link #with} and {@link #without}
 * return a new matcher that shares every untouched node (path copying), so the owner
 * publishes it with one volatile write.
 */
public final class TopicMatcher {
    public static final TopicMatcher EMPTY = new TopicMatcher(Node.EMPTY);

    private static final String ONE_WORD = "*";
    private static final String ANY_WORDS = "#";

    private final Node root;

    private TopicMatcher(Node root) {
        this.root = root;
    }

    /** The pattern in the form the trie stores it: runs of {@code #} words collapsed to one. */
    public static String canonicalPattern(String pattern) {
        return String.join(".", patternWords(pattern));
    }

    /** This matcher plus {@code pattern → destination} (the same matcher if already there). */
    public TopicMatcher with(String pattern, Destination destination) {
        Node updated = root.with(patternWords(pattern), 0, destination);
        return updated == root ? this : new TopicMatcher(updated);
    }

    /** This matcher without {@code pattern → destination} (the same matcher if absent). */
    public TopicMatcher without(String pattern, Destination destination) {
        Node updated = root.without(patternWords(pattern), 0, destination);
        if (updated == root) {
            return this;
        }
        return updated == null ? EMPTY : new TopicMatcher(updated);
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** Emits every destination whose pattern matches {@code routingKey}, each once. */
    public void match(String routingKey, Consumer<Destination> out) {
        String[] words = words(routingKey == null ? "" : routingKey);
        Matches matches = new Matches();
        walk(root, words, 0, matches);
        matches.emit(out);
    }

    private static void walk(Node node, String[] words, int position, Matches matches) {
        if (node.anyWords != null) {
            // a walk depends only on (node, position). Below a first #, a further # would
            // revisit the same pairs combinatorially often, so from there on pairs are
            // remembered; the common single-# walk never revisits and allocates nothing.
            boolean nested = matches.hashDepth > 0;
            matches.hashDepth++;
            for (int next = position; next <= words.length; next++) {
                if (!nested || matches.firstVisit(node.anyWords, next, words.length)) {
                    walk(node.anyWords, words, next, matches);
                }
            }
            matches.hashDepth--;
        }
        if (position == words.length) {
            matches.add(node.destinations);
            return;
        }
        Node literal = node.children.get(words[position]);
        if (literal != null) {
            walk(literal, words, position + 1, matches);
        }
        if (node.oneWord != null) {
            walk(node.oneWord, words, position + 1, matches);
        }
    }

    /** Splits a routing key on dots without regex: {@code ""} → no words, {@code "a."} → a, "". */
    static String[] words(String key) {
        if (key.isEmpty()) {
            return new String[0];
        }
        int count = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.') {
                count++;
            }
        }
        String[] words = new String[count];
        int start = 0;
        int word = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.') {
                words[word++] = key.substring(start, i);
                start = i + 1;
            }
        }
        words[word] = key.substring(start);
        return words;
    }

    private static String[] patternWords(String pattern) {
        String[] words = words(pattern == null ? "" : pattern);
        List<String> collapsed = new ArrayList<>(words.length);
        for (String word : words) {
            boolean repeatedHash = ANY_WORDS.equals(word) && !collapsed.isEmpty()
                    && ANY_WORDS.equals(collapsed.get(collapsed.size() - 1));
            if (!repeatedHash) {
                collapsed.add(word);
            }
        }
        return collapsed.size() == words.length ? words : collapsed.toArray(new String[0]);
    }

    /** One immutable trie node: literal children, the {@code *} and {@code #} children, and
     * the destinations of patterns ending here. */
    private static final class Node {
        static final Node EMPTY = new Node(Map.of(), null, null, DestinationArrays.EMPTY);

        final Map<String, Node> children;
        final Node oneWord;
        final Node anyWords;
        final Destination[] destinations;

        Node(Map<String, Node> children, Node oneWord, Node anyWords, Destination[] destinations) {
            this.children = children;
            this.oneWord = oneWord;
            this.anyWords = anyWords;
            this.destinations = destinations;
        }

        boolean isEmpty() {
            return destinations.length == 0 && children.isEmpty() && oneWord == null && anyWords == null;
        }

        Node with(String[] words, int position, Destination destination) {
            if (position == words.length) {
                for (Destination existing : destinations) {
                    if (existing.equals(destination)) {
                        return this;
                    }
                }
                return new Node(children, oneWord, anyWords,
                        DestinationArrays.with(destinations, destination));
            }
            String word = words[position];
            Node child = child(word);
            Node updated = (child == null ? EMPTY : child).with(words, position + 1, destination);
            return updated == child ? this : withChild(word, updated);
        }

        /** This node without the entry, or null if nothing is left in it. */
        Node without(String[] words, int position, Destination destination) {
            Node result;
            if (position == words.length) {
                Destination[] remaining = DestinationArrays.without(destinations, destination);
                if (remaining == destinations) {
                    return this;
                }
                result = new Node(children, oneWord, anyWords, remaining);
            } else {
                String word = words[position];
                Node child = child(word);
                if (child == null) {
                    return this;
                }
                Node updated = child.without(words, position + 1, destination);
                if (updated == child) {
                    return this;
                }
                result = withChild(word, updated);
            }
            return result.isEmpty() ? null : result;
        }

        private Node child(String word) {
            return switch (word) {
                case ONE_WORD -> oneWord;
                case ANY_WORDS -> anyWords;
                default -> children.get(word);
            };
        }

        /** A copy with the child for {@code word} replaced; a null child removes it. */
        private Node withChild(String word, Node child) {
            switch (word) {
                case ONE_WORD:
                    return new Node(children, child, anyWords, destinations);
                case ANY_WORDS:
                    return new Node(children, oneWord, child, destinations);
                default:
                    Map<String, Node> copy = new HashMap<>(children);
                    if (child == null) {
                        copy.remove(word);
                    } else {
                        copy.put(word, child);
                    }
                    return new Node(copy.isEmpty() ? Map.of() : copy, oneWord, anyWords, destinations);
            }
        }
    }

    /** The destination arrays of the patterns a key matched, emitted without duplicates. */
    private static final class Matches {
        private Destination[] first;
        private List<Destination[]> more;
        private Map<Node, BitSet> visited;
        private int hashDepth;

        /** Records that the walk reached {@code node} at {@code position}; false if it had. */
        boolean firstVisit(Node node, int position, int wordCount) {
            if (visited == null) {
                visited = new IdentityHashMap<>();
            }
            BitSet positions = visited.computeIfAbsent(node, n -> new BitSet(wordCount + 1));
            if (positions.get(position)) {
                return false;
            }
            positions.set(position);
            return true;
        }

        void add(Destination[] destinations) {
            if (destinations.length == 0 || destinations == first) {
                return;
            }
            if (first == null) {
                first = destinations;
            } else {
                if (more == null) {
                    more = new ArrayList<>(4);
                }
                more.add(destinations);
            }
        }

        void emit(Consumer<Destination> out) {
            if (first == null) {
                return;
            }
            if (more == null) { // one pattern matched: its destinations are already distinct
                for (Destination destination : first) {
                    out.accept(destination);
                }
                return;
            }
            Set<Destination> distinct = new LinkedHashSet<>();
            addAll(distinct, first);
            for (Destination[] destinations : more) {
                addAll(distinct, destinations);
            }
            distinct.forEach(out);
        }

        private static void addAll(Set<Destination> set, Destination[] destinations) {
            for (Destination destination : destinations) {
                set.add(destination);
            }
        }
    }
}
