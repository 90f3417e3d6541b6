package org.ferrymq.examples.takeaway.ee;

/** One order as the database has it: what the restaurant and the rider have done so far (null: nothing yet). */
public record Order(String id, String city, String dish, String restaurant, String rider) {
    /** A small JSON object, so a browser, curl or a script reads the status without a JSON library here. */
    public String toJson() {
        return "{\"id\":" + quote(id) + ",\"city\":" + quote(city) + ",\"dish\":" + quote(dish)
                + ",\"restaurant\":" + quote(restaurant) + ",\"rider\":" + quote(rider) + "}";
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
