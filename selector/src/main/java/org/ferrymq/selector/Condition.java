package org.ferrymq.selector;

/**
 * Base of nodes whose natural result is a {@link Truth} (comparisons, logic, predicates), so that
 * conditions combine without boxing. As a value a condition is Boolean.TRUE, Boolean.FALSE or null.
 */
abstract class Condition implements Expression {

    @Override
    public abstract Truth test(SelectorContext message);

    @Override
    public final Object evaluate(SelectorContext message) {
        return test(message).toValue();
    }

    @Override
    public final ValueType type() {
        return ValueType.BOOLEAN;
    }
}
