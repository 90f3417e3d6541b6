package org.ferrymq.selector;

/**
 * The message a {@link Selector} is evaluated against, seen as a function from identifier to value.
 *
 * <p>The caller owns the mapping from its message representation to selector values (spec 3.8.1.1):
 * <ul>
 *   <li>header fields by their JMS names (see {@link SelectableHeaders}): {@code JMSDeliveryMode} as the
 *       String {@code "PERSISTENT"} or {@code "NON_PERSISTENT"}, {@code JMSPriority} as an Integer,
 *       {@code JMSTimestamp} as a Long, {@code JMSMessageID}, {@code JMSCorrelationID} and {@code JMSType}
 *       as Strings (or null);</li>
 *   <li>properties with the type they were set with: Boolean, Byte, Short, Integer, Long, Float, Double
 *       or String. No conversion is applied: a property set as the String {@code "1"} is not a number.</li>
 * </ul>
 * Return {@code null} for anything absent; the selector treats it as SQL NULL.
 *
 * <p>Implementations are called on the evaluating thread only and should not allocate, so that
 * evaluating a selector stays allocation-free for the common comparisons.
 */
@FunctionalInterface
public interface SelectorContext {

    /** The value of the header field or property {@code name} (case-sensitive), or null if absent. */
    Object property(String name);
}
