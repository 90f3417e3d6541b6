package org.ferrymq.broker.model.exchange;

import java.util.Map;
import java.util.Objects;

import org.ferrymq.broker.errors.AmqpException;

/**
 * RabbitMQ's redeclaration check ({@code rabbit_misc:assert_field_equivalence} and
 * {@code assert_args_equivalence}): the first difference becomes a 406 PRECONDITION_FAILED
 * whose text names the argument, the resource, the received and the current value.
 * Immutable; used by the declaring thread.
 */
final class EquivalenceCheck {
    private final String resource;

    /** @param resource how RabbitMQ names the resource, e.g. {@code exchange 'logs' in vhost '/'} */
    EquivalenceCheck(String resource) {
        this.resource = resource;
    }

    /** A declared property: both values are printed in quotes. */
    void field(String field, Object received, Object current) {
        if (!Objects.equals(received, current)) {
            fail(field, quoted(received), quoted(current));
        }
    }

    /**
     * One argument compared across two tables: equal when both are absent, or both present
     * with values of the same type class (integer, float, string, ...) that compare equal.
     */
    void argument(String key, Map<String, Object> received, Map<String, Object> current) {
        boolean hasReceived = received.containsKey(key);
        boolean hasCurrent = current.containsKey(key);
        if (!hasReceived && !hasCurrent) {
            return;
        }
        Object r = received.get(key);
        Object c = current.get(key);
        if (hasReceived && hasCurrent) {
            if (!(FieldValues.sameTypeClass(r, c) && FieldValues.matchesOrBothVoid(r, c))) {
                fail(key, quoted(r), quoted(c));
            }
            return;
        }
        fail(key, hasReceived ? typed(r) : "none", hasCurrent ? typed(c) : "none");
    }

    private void fail(String field, String received, String current) {
        throw AmqpException.preconditionFailed("inequivalent arg '" + field + "' for " + resource
                + ": received " + received + " but current is " + current);
    }

    private static String quoted(Object value) {
        return "'" + display(value) + "'";
    }

    private static String typed(Object value) {
        return "the value '" + display(value) + "' of type '" + FieldValues.amqpTypeName(value) + "'";
    }

    private static String display(Object value) {
        return value == null ? "undefined" : FieldValues.display(value);
    }
}
