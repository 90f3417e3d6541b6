package org.ferrymq.selector;

/**
 * The binary arithmetic operators (spec 3.8.1.1), computed with Java numeric promotion. Integer
 * overflow wraps as in Java; integer division by zero, which would throw in Java, is UNKNOWN.
 */
enum ArithmeticOperator {
    ADD("+") {
        @Override int apply(int a, int b) { return a + b; }
        @Override long apply(long a, long b) { return a + b; }
        @Override float apply(float a, float b) { return a + b; }
        @Override double apply(double a, double b) { return a + b; }
    },
    SUBTRACT("-") {
        @Override int apply(int a, int b) { return a - b; }
        @Override long apply(long a, long b) { return a - b; }
        @Override float apply(float a, float b) { return a - b; }
        @Override double apply(double a, double b) { return a - b; }
    },
    MULTIPLY("*") {
        @Override int apply(int a, int b) { return a * b; }
        @Override long apply(long a, long b) { return a * b; }
        @Override float apply(float a, float b) { return a * b; }
        @Override double apply(double a, double b) { return a * b; }
    },
    DIVIDE("/") {
        @Override int apply(int a, int b) { return a / b; }
        @Override long apply(long a, long b) { return a / b; }
        @Override float apply(float a, float b) { return a / b; }
        @Override double apply(double a, double b) { return a / b; }
    };

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    abstract int apply(int a, int b);

    abstract long apply(long a, long b);

    abstract float apply(float a, float b);

    abstract double apply(double a, double b);

    /** The promoted result, or null (UNKNOWN) for NULL or non-numeric operands and integer division by zero. */
    Object apply(Object left, Object right) {
        NumericType type = NumericType.promote(left, right);
        if (type == null) {
            return null;
        }
        Number a = (Number) left;
        Number b = (Number) right;
        return switch (type) {
            case INT -> this == DIVIDE && b.intValue() == 0 ? null : Integer.valueOf(apply(a.intValue(), b.intValue()));
            case LONG -> this == DIVIDE && b.longValue() == 0 ? null : Long.valueOf(apply(a.longValue(), b.longValue()));
            case FLOAT -> Float.valueOf(apply(a.floatValue(), b.floatValue()));
            case DOUBLE -> Double.valueOf(apply(a.doubleValue(), b.doubleValue()));
        };
    }
}
