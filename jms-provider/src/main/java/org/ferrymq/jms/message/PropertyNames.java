package org.ferrymq.jms.message;

import java.util.Set;

/** Rules for message property names (Jakarta Messaging 3.1 section 3.5.1): Java identifiers, no selector keywords. */
public final class PropertyNames {
    private static final Set<String> RESERVED = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    /** @throws IllegalArgumentException if the name may not be used for a property */
    public static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid property name: " + name);
        }
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return !RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT));
    }
}
