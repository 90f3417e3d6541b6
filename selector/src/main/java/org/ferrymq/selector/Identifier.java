package org.ferrymq.selector;

import java.util.Set;

/** A header field or property reference; its value comes from the message, NULL if absent. */
final class Identifier implements Expression {

    private final String name;
    private final ValueType type;

    Identifier(String name) {
        this.name = name;
        this.type = SelectableHeaders.typeOf(name);
    }

    String name() {
        return name;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return message.property(name);
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public int depth() {
        return 1;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        into.add(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
