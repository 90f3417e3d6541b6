package org.ferrymq.selector;

/**
 * What the parser knows statically about the value of an expression. Literals and operators have a
 * known type; properties are {@link #ANY} because their type is only known per message.
 */
enum ValueType {
    NUMBER("a number"),
    STRING("a string"),
    BOOLEAN("a condition"),
    ANY("a value");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** True if a value of this static type may turn out to be of type {@code wanted} at runtime. */
    boolean canBe(ValueType wanted) {
        return this == ANY || wanted == ANY || this == wanted;
    }

    /** For error messages: "a number", "a string", ... */
    String description() {
        return description;
    }
}
