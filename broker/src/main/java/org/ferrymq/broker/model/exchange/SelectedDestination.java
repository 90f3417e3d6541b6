package org.ferrymq.broker.model.exchange;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.selector.Selector;
import org.ferrymq.selector.SelectorContext;
import org.ferrymq.selector.SelectorSyntaxException;

/**
 * What a binding with a JMS selector (the FerryMQ binding argument {@code x-selector}) puts in
 * its exchange's routing table instead of its destination: routing reaches it as usual (key,
 * pattern or headers), then {@link ExchangeRouter} passes the message on to {@link #target()}
 * only if the selector matches. Bindings without a selector put their destination there
 * directly, so they pay nothing for this.
 *
 * <p>Two of these are equal when target and selector text are: bindings that differ only in
 * other arguments share one routing entry, as plain bindings do.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class SelectedDestination implements Destination {
    /** The binding argument that carries a selector (FerryMQ extension). */
    public static final String SELECTOR_ARGUMENT = "x-selector";

    private final Destination target;
    private final String text;
    private final Selector selector;

    private SelectedDestination(Destination target, String text, Selector selector) {
        this.target = target;
        this.text = text;
        this.selector = selector;
    }

    /**
     * What a binding to {@code destination} with these arguments routes to: the destination
     * itself, or a selected destination if the arguments hold a non-empty {@code x-selector}.
     *
     * @throws AmqpException 406 PRECONDITION_FAILED if the selector does not parse
     */
    static Destination routeTarget(Destination destination, Map<String, Object> arguments) {
        Object value = arguments.get(SELECTOR_ARGUMENT);
        if (value == null) {
            return destination;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        Selector selector;
        try {
            selector = Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            throw AmqpException.preconditionFailed("invalid selector in binding argument '" + SELECTOR_ARGUMENT
                    + "' to " + destination.name() + ": " + e.getMessage());
        }
        return selector.isMatchAll() ? destination : new SelectedDestination(destination, text, selector);
    }

    /** The queue or exchange a matching message goes on to. */
    public Destination target() {
        return target;
    }

    /** Whether the message seen through {@code message} passes; a null context never does. */
    boolean admits(SelectorContext message) {
        return message != null && selector.matches(message);
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SelectedDestination that && target.equals(that.target) && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, text);
    }

    @Override
    public String toString() {
        return target + " where " + text;
    }
}
