package org.ferrymq.broker.model.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.ferrymq.broker.errors.AmqpException;

/**
 * Headers-exchange patterns to destinations, matched as RabbitMQ 3.10 does.
 *
 * <ul>
 *   <li>{@code x-match} is {@code all} (the default), {@code any}, {@code all-with-x} or
 *       {@code any-with-x}. With {@code all} / {@code any}, binding arguments whose names start
 *       with {@code x-} take no part in matching; the {@code -with-x} variants match them too.
 *       {@code x-match} itself never does.</li>
 *   <li>{@code all} needs every considered argument to match (so none at all matches every
 *       message); {@code any} needs at least one (so none matches nothing).</li>
 *   <li>An argument with a void (null) value matches when the header is present, whatever
 *       its value; otherwise values compare as {@link FieldValues#matches} (numbers by value
 *       across integer and floating types, strings by bytes).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Immutable: safe to match from any thread. {@link #with} and {@link #without} return new
 * matchers (copy-on-write), which the owner publishes with one volatile write.
 */
public final class HeadersMatcher {
    public static final HeadersMatcher EMPTY = new HeadersMatcher(new Group[0]);

    static final String X_MATCH = "x-match";

    private final Group[] groups;

    private HeadersMatcher(Group[] groups) {
        this.groups = groups;
    }

    /**
     * Rejects an {@code x-match} RabbitMQ rejects, with its 406 PRECONDITION_FAILED text.
     */
    public static void validate(Map<String, Object> bindingArguments) {
        if (bindingArguments == null || !bindingArguments.containsKey(X_MATCH)) {
            return;
        }
        Object value = bindingArguments.get(X_MATCH);
        if (value instanceof CharSequence text) {
            if (Mode.of(text.toString()) == null) {
                throw AmqpException.preconditionFailed("Invalid x-match field value <<\"" + text
                        + "\">>; expected all, any, all-with-x, or any-with-x");
            }
            return;
        }
        throw AmqpException.preconditionFailed("Invalid x-match field type "
                + FieldValues.amqpTypeName(value) + " (value " + erlangTerm(value)
                + "); expected longstr");
    }

    /** A value as Erlang's {@code ~p} prints it, for the few cases these texts show. */
    private static String erlangTerm(Object value) {
        if (value == null) {
            return "undefined";
        }
        if (value instanceof byte[]) {
            return "<<\"" + FieldValues.display(value) + "\">>";
        }
        return FieldValues.display(value);
    }

    /** Whether a single binding's arguments match a message's headers. */
    public static boolean matches(Map<String, Object> bindingArguments, Map<String, Object> headers) {
        return Pattern.of(bindingArguments).matches(headers == null ? Map.of() : headers);
    }

    /** This matcher plus one binding of {@code destination} with these arguments. */
    public HeadersMatcher with(Destination destination, Map<String, Object> bindingArguments) {
        Pattern pattern = Pattern.of(bindingArguments);
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].destination.equals(destination)) {
                Group[] copy = groups.clone();
                copy[i] = groups[i].with(pattern);
                return new HeadersMatcher(copy);
            }
        }
        Group[] copy = Arrays.copyOf(groups, groups.length + 1);
        copy[groups.length] = new Group(destination, new Pattern[] {pattern});
        return new HeadersMatcher(copy);
    }

    /** This matcher without the binding of {@code destination} with these arguments. */
    public HeadersMatcher without(Destination destination, Map<String, Object> bindingArguments) {
        Object identity = FieldValues.identityKey(FieldValues.immutableTable(bindingArguments));
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].destination.equals(destination)) {
                Group remaining = groups[i].without(identity);
                if (remaining == groups[i]) {
                    return this;
                }
                List<Group> copy = new ArrayList<>(Arrays.asList(groups));
                if (remaining == null) {
                    copy.remove(i);
                } else {
                    copy.set(i, remaining);
                }
                return new HeadersMatcher(copy.toArray(new Group[0]));
            }
        }
        return this;
    }

    public boolean isEmpty() {
        return groups.length == 0;
    }

    /** Emits each destination with at least one binding matching {@code headers}, once. */
    public void match(Map<String, Object> headers, Consumer<Destination> out) {
        Map<String, Object> table = headers == null ? Map.of() : headers;
        for (Group group : groups) {
            for (Pattern pattern : group.patterns) {
                if (pattern.matches(table)) {
                    out.accept(group.destination);
                    break;
                }
            }
        }
    }

    private enum Mode {
        ALL("all", true, false),
        ANY("any", false, false),
        ALL_WITH_X("all-with-x", true, true),
        ANY_WITH_X("any-with-x", false, true);

        final String amqpName;
        final boolean all;
        final boolean withX;

        Mode(String amqpName, boolean all, boolean withX) {
            this.amqpName = amqpName;
            this.all = all;
            this.withX = withX;
        }

        static Mode of(String amqpName) {
            for (Mode mode : values()) {
                if (mode.amqpName.equals(amqpName)) {
                    return mode;
                }
            }
            return null;
        }

        /** The mode of a binding; a missing or unparsable x-match means all, as in RabbitMQ. */
        static Mode of(Map<String, Object> arguments) {
            if (arguments.get(X_MATCH) instanceof CharSequence text) {
                Mode mode = of(text.toString());
                return mode == null ? ALL : mode;
            }
            return ALL;
        }
    }

    /** One binding's arguments, compiled: the mode and the arguments that take part. */
    private record Pattern(Object identity, boolean all, String[] names, Object[] values) {
        static Pattern of(Map<String, Object> arguments) {
            Map<String, Object> table = FieldValues.immutableTable(arguments);
            Mode mode = Mode.of(table);
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            table.forEach((name, value) -> {
                boolean considered = !name.equals(X_MATCH) && (mode.withX || !name.startsWith("x-"));
                if (considered) {
                    names.add(name);
                    values.add(value);
                }
            });
            return new Pattern(FieldValues.identityKey(table), mode.all,
                    names.toArray(new String[0]), values.toArray());
        }

        boolean matches(Map<String, Object> headers) {
            for (int i = 0; i < names.length; i++) {
                boolean matched = matches(values[i], names[i], headers);
                if (matched != all) {
                    return matched; // all: the first miss decides; any: the first hit does
                }
            }
            return all;
        }

        private static boolean matches(Object expected, String name, Map<String, Object> headers) {
            Object actual = headers.get(name);
            if (actual == null && !headers.containsKey(name)) {
                return false;
            }
            return expected == null || FieldValues.matches(expected, actual);
        }
    }

    /** The bindings of one destination, so that it is emitted once however many match. */
    private record Group(Destination destination, Pattern[] patterns) {
        Group with(Pattern pattern) {
            Pattern[] copy = Arrays.copyOf(patterns, patterns.length + 1);
            copy[patterns.length] = pattern;
            return new Group(destination, copy);
        }

        /** This group without the pattern, the same group if absent, or null if none is left. */
        Group without(Object identity) {
            for (int i = 0; i < patterns.length; i++) {
                if (patterns[i].identity.equals(identity)) {
                    if (patterns.length == 1) {
                        return null;
                    }
                    List<Pattern> copy = new ArrayList<>(Arrays.asList(patterns));
                    copy.remove(i);
                    return new Group(destination, copy.toArray(new Pattern[0]));
                }
            }
            return this;
        }
    }
}
