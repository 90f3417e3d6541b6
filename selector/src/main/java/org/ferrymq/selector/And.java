package org.ferrymq.selector;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code a AND b AND ...} in three-valued logic. A chain is one node, not a left-deep tree, so that
 * a generated selector with thousands of terms does not recurse thousands of levels deep; evaluation
 * stops at the first FALSE.
 */
final class And extends Condition {

    private final Expression[] operands;
    private final int depth;

    And(List<Expression> operands) {
        this.operands = operands.toArray(Expression[]::new);
        this.depth = 1 + operands.stream().mapToInt(Expression::depth).max().orElse(0);
    }

    @Override
    public Truth test(SelectorContext message) {
        Truth result = Truth.TRUE;
        for (Expression operand : operands) {
            Truth truth = operand.test(message);
            if (truth == Truth.FALSE) {
                return Truth.FALSE;
            }
            if (truth == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        for (Expression operand : operands) {
            operand.collectIdentifiers(into);
        }
    }

    @Override
    public String toString() {
        return List.of(operands).stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
    }
}
