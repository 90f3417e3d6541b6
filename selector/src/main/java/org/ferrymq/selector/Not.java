package org.ferrymq.selector;

import java.util.Set;

/** {@code NOT operand}: TRUE and FALSE swap, UNKNOWN stays UNKNOWN. */
final class Not extends Condition {

    private final Expression operand;

    Not(Expression operand) {
        this.operand = operand;
    }

    @Override
    public Truth test(SelectorContext message) {
        return operand.test(message).not();
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        operand.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(NOT " + operand + ")";
    }
}
