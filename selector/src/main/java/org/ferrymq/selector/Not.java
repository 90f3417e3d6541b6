package org.ferrymq.selector;

import java.util.Set;

/** {@code NOT operand}: TRUE and FALSE swap, UNKNOWN stays UNKNOWN. */
final class Not extends Condition {

    private final Expression operand;
    private final int depth;

    Not(Expression operand) {
        this.operand = operand;
        this.depth = 1 + operand.depth();
    }

    @Override
    public Truth test(SelectorContext message) {
        return operand.test(message).not();
    }

    @Override
    public int depth() {
        return depth;
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
