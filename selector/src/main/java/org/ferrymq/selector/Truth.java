package org.ferrymq.selector;

/**
 * SQL three-valued logic (spec 3.8.1.2): comparisons and arithmetic with NULL are UNKNOWN, and a
 * selector matches only when it is TRUE. An enum so that evaluating conditions never allocates.
 */
enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** A property used as a condition: TRUE/FALSE for a Boolean, UNKNOWN for null or anything else. */
    static Truth ofValue(Object value) {
        if (value instanceof Boolean bool) {
            return of(bool);
        }
        return UNKNOWN;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    /** As a value: Boolean.TRUE, Boolean.FALSE, or null for UNKNOWN. */
    Boolean toValue() {
        return switch (this) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
    }
}
