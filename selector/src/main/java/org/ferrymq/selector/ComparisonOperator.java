package org.ferrymq.selector;

/**
 * The comparison operators (spec 3.8.1.1). Numbers compare after Java numeric promotion with Java's
 * primitive semantics (so NaN is unequal to everything); strings and booleans only with {@code =} and
 * {@code <>}. NULL on either side is UNKNOWN; values of unlike types compare FALSE, as the spec says.
 */
enum ComparisonOperator {
    EQUAL("=", true) {
        @Override boolean test(long a, long b) { return a == b; }
        @Override boolean test(float a, float b) { return a == b; }
        @Override boolean test(double a, double b) { return a == b; }
    },
    NOT_EQUAL("<>", true) {
        @Override boolean test(long a, long b) { return a != b; }
        @Override boolean test(float a, float b) { return a != b; }
        @Override boolean test(double a, double b) { return a != b; }
    },
    LESS("<", false) {
        @Override boolean test(long a, long b) { return a < b; }
        @Override boolean test(float a, float b) { return a < b; }
        @Override boolean test(double a, double b) { return a < b; }
    },
    LESS_OR_EQUAL("<=", false) {
        @Override boolean test(long a, long b) { return a <= b; }
        @Override boolean test(float a, float b) { return a <= b; }
        @Override boolean test(double a, double b) { return a <= b; }
    },
    GREATER(">", false) {
        @Override boolean test(long a, long b) { return a > b; }
        @Override boolean test(float a, float b) { return a > b; }
        @Override boolean test(double a, double b) { return a > b; }
    },
    GREATER_OR_EQUAL(">=", false) {
        @Override boolean test(long a, long b) { return a >= b; }
        @Override boolean test(float a, float b) { return a >= b; }
        @Override boolean test(double a, double b) { return a >= b; }
    };

    private final String symbol;
    private final boolean equality;

    ComparisonOperator(String symbol, boolean equality) {
        this.symbol = symbol;
        this.equality = equality;
    }

    String symbol() {
        return symbol;
    }

    /** True for {@code =} and {@code <>}, the only operators allowed on strings and booleans. */
    boolean isEquality() {
        return equality;
    }

    // int operands compare as long: widening int to long never changes the outcome
    abstract boolean test(long a, long b);

    abstract boolean test(float a, float b);

    abstract boolean test(double a, double b);

    Truth apply(Object left, Object right) {
        if (left == null || right == null) {
            return Truth.UNKNOWN;
        }
        NumericType type = NumericType.promote(left, right);
        if (type != null) {
            Number a = (Number) left;
            Number b = (Number) right;
            return Truth.of(switch (type) {
                case INT, LONG -> test(a.longValue(), b.longValue());
                case FLOAT -> test(a.floatValue(), b.floatValue());
                case DOUBLE -> test(a.doubleValue(), b.doubleValue());
            });
        }
        boolean likeTypes = (left instanceof String && right instanceof String)
                || (left instanceof Boolean && right instanceof Boolean);
        if (!likeTypes || !equality) {
            return Truth.FALSE;
        }
        boolean equal = left.equals(right);
        return Truth.of(this == EQUAL ? equal : !equal);
    }
}
