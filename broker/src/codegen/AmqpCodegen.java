import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates FerryMQ's AMQP 0-9-1 method records from RabbitMQ's machine-readable spec
 * ({@code amqp-rabbitmq-0.9.1.json}). Run by Maven in {@code generate-sources} as a
 * single-file program: {@code java AmqpCodegen.java <spec.json> <output dir>}.
 *
 * <p>Output, in package {@code org.ferrymq.broker.amqp.codec}: one record per method
 * ({@code Amqp} + class + method in CamelCase) implementing {@code AmqpMethod}, and
 * {@code AmqpMethodTable}, the class/method-id switch the hand-written
 * {@code AmqpMethodDecoder} wraps with its error policy. No dependencies: it carries its own
 * tiny JSON reader.
 */
public final class AmqpCodegen {
    private static final String PACKAGE = "org.ferrymq.broker.amqp.codec";

    /**
     * Arguments the 0-9-1 spec marks reserved ({@code reserved-1} ...): left out of the records
     * and written as 0 / "" / false. RabbitMQ's JSON still calls them by their 0-8 names.
     */
    private static final Set<String> RESERVED = Set.of(
            "connection.open.capabilities", "connection.open.insist", "connection.open-ok.known-hosts",
            "channel.open.out-of-band", "channel.open-ok.channel-id",
            "exchange.declare.ticket", "exchange.delete.ticket", "exchange.bind.ticket", "exchange.unbind.ticket",
            "queue.declare.ticket", "queue.bind.ticket", "queue.purge.ticket", "queue.delete.ticket",
            "queue.unbind.ticket", "basic.consume.ticket", "basic.publish.ticket", "basic.get.ticket",
            "basic.get-empty.cluster-id");

    /** Names a declare creates: RabbitMQ strips CR and LF from them (its strip_cr_lf). */
    private static final Set<String> DECLARED_NAMES = Set.of("queue.declare.queue", "exchange.declare.exchange");

    /** Long strings that carry opaque bytes (SASL data, secrets) rather than UTF-8 text. */
    private static final Set<String> BINARY_LONGSTR = Set.of(
            "connection.start-ok.response", "connection.secure.challenge", "connection.secure-ok.response",
            "connection.update-secret.new-secret");

    /** Spec sections (AMQP 0-9-1 specification, chapter 1.x "class ...") for the Javadoc. */
    private static final Map<String, String> SECTIONS = Map.of(
            "connection", "1.4", "channel", "1.5", "exchange", "1.6", "queue", "1.7", "basic", "1.8", "tx", "1.9");

    /**
     * @param name NAME for an exchange or queue name (strict UTF-8, as RabbitMQ checks it), DECLARED for the
     *             name a declare creates (also stripped of CR and LF, as RabbitMQ does), null otherwise
     */
    record Arg(String specName, String javaName, String type, boolean reserved, boolean binary, String name) {
        String javaType() {
            return switch (type) {
                case "bit" -> "boolean";
                case "octet", "short" -> "int";
                case "long", "longlong", "timestamp" -> "long";
                case "shortstr" -> "String";
                case "longstr" -> binary ? "byte[]" : "String";
                case "table" -> "Map<String, Object>";
                default -> throw new IllegalStateException("unknown AMQP type " + type);
            };
        }

        String defaultValue() {
            return switch (type) {
                case "bit" -> "false";
                case "octet", "short" -> "0";
                case "long", "longlong", "timestamp" -> "0L";
                case "shortstr", "longstr" -> binary ? "new byte[0]" : "\"\"";
                case "table" -> "Map.of()";
                default -> throw new IllegalStateException(type);
            };
        }
    }

    record Method(String className, int classId, String name, int id, boolean content, List<Arg> args) {
        String recordName() {
            return "Amqp" + camel(className, true) + camel(name, true);
        }

        String amqpName() {
            return className + "." + name;
        }

        List<Arg> components() {
            return args.stream().filter(a -> !a.reserved).toList();
        }

        boolean hasReserved() {
            return args.stream().anyMatch(Arg::reserved);
        }

        boolean hasBinary() {
            return components().stream().anyMatch(Arg::binary);
        }
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length != 2) {
            System.err.println("usage: java AmqpCodegen.java <amqp spec json> <output dir>");
            System.exit(2);
        }
        Map<String, Object> spec = asMap(new Json(Files.readString(Path.of(argv[0]), StandardCharsets.UTF_8)).parse());
        Path out = Path.of(argv[1]).resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(out);

        Map<String, String> domains = new LinkedHashMap<>();
        for (Object d : asList(spec.get("domains"))) {
            List<Object> pair = asList(d);
            domains.put((String) pair.get(0), (String) pair.get(1));
        }
        List<Method> methods = new ArrayList<>();
        for (Object c : asList(spec.get("classes"))) {
            Map<String, Object> cls = asMap(c);
            String className = (String) cls.get("name");
            int classId = ((Number) cls.get("id")).intValue();
            for (Object m : asList(cls.get("methods"))) {
                Map<String, Object> method = asMap(m);
                String methodName = (String) method.get("name");
                List<Arg> args = new ArrayList<>();
                for (Object a : asList(method.get("arguments"))) {
                    Map<String, Object> arg = asMap(a);
                    String argName = (String) arg.get("name");
                    String type = (String) arg.get("type");
                    String domain = (String) arg.get("domain");
                    String nameKind = !"exchange-name".equals(domain) && !"queue-name".equals(domain) ? null
                            : DECLARED_NAMES.contains(className + "." + methodName + "." + argName) ? "DECLARED" : "NAME";
                    if (type == null) {
                        type = domains.get((String) arg.get("domain"));
                    }
                    String key = className + "." + methodName + "." + argName;
                    args.add(new Arg(argName, javaName(argName), type, RESERVED.contains(key), BINARY_LONGSTR.contains(key),
                            nameKind));
                }
                methods.add(new Method(className, classId, methodName, ((Number) method.get("id")).intValue(),
                        Boolean.TRUE.equals(method.get("content")), args));
            }
        }
        for (Method method : methods) {
            Files.writeString(out.resolve(method.recordName() + ".java"), record(method), StandardCharsets.UTF_8);
        }
        Files.writeString(out.resolve("AmqpMethodTable.java"), table(methods), StandardCharsets.UTF_8);
    }

    private static String record(Method m) {
        StringBuilder s = new StringBuilder();
        List<Arg> comps = m.components();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import io.netty.buffer.ByteBuf;\n");
        if (m.hasBinary()) {
            s.append("import java.util.Arrays;\n");
        }
        s.append("import java.util.Map;\n\n");
        s.append("/**\n * AMQP 0-9-1 {@code ").append(m.amqpName()).append("} (class ").append(m.classId)
                .append(", method ").append(m.id).append(")");
        String section = SECTIONS.get(m.className);
        if (section != null) {
            s.append(", spec section ").append(section).append(" (class ").append(m.className).append(")");
        } else {
            s.append(", a RabbitMQ extension of the spec");
        }
        s.append(".\n");
        if (m.hasReserved()) {
            s.append(" * Reserved arguments (");
            s.append(String.join(", ", m.args.stream().filter(Arg::reserved).map(Arg::specName).toList()));
            s.append(") are not components: they are written as 0 / \"\" / false and ignored when read.\n");
        }
        s.append(" * Generated from the spec by {@code src/codegen/AmqpCodegen.java}; do not edit.\n */\n");
        s.append("public record ").append(m.recordName()).append("(");
        for (int i = 0; i < comps.size(); i++) {
            if (i > 0) s.append(", ");
            s.append(comps.get(i).javaType()).append(' ').append(comps.get(i).javaName);
        }
        s.append(") implements AmqpMethod {\n");
        s.append("    public static final int CLASS_ID = ").append(m.classId).append(";\n");
        s.append("    public static final int METHOD_ID = ").append(m.id).append(";\n");
        if (comps.isEmpty()) {
            s.append("    /** The only value this argument-less method has. */\n");
            s.append("    public static final ").append(m.recordName()).append(" INSTANCE = new ").append(m.recordName()).append("();\n");
        }
        s.append("\n");

        // compact constructor: absent strings/tables become empty so equality survives a round trip
        List<Arg> normalized = comps.stream()
                .filter(a -> a.javaType().equals("String") || a.javaType().equals("byte[]") || a.type.equals("table")).toList();
        if (!normalized.isEmpty()) {
            s.append("    /** Null strings, byte arrays and tables stand for empty ones. */\n");
            s.append("    public ").append(m.recordName()).append(" {\n");
            for (Arg a : normalized) {
                s.append("        if (").append(a.javaName).append(" == null) {\n");
                s.append("            ").append(a.javaName).append(" = ").append(a.defaultValue()).append(";\n");
                s.append("        }\n");
            }
            s.append("    }\n\n");
        }

        if (m.hasReserved()) {
            s.append("    /** All the spec's arguments, reserved ones included (their values are ignored). */\n");
            s.append("    public ").append(m.recordName()).append("(");
            for (int i = 0; i < m.args.size(); i++) {
                if (i > 0) s.append(", ");
                Arg a = m.args.get(i);
                s.append(a.javaType()).append(' ').append(a.javaName);
            }
            s.append(") {\n        this(");
            s.append(String.join(", ", comps.stream().map(Arg::javaName).toList()));
            s.append(");\n    }\n\n");
            for (Arg a : m.args) {
                if (a.reserved) {
                    s.append("    /** Reserved in 0-9-1: always ").append(a.defaultValue().replace("\"", "&quot;")).append(". */\n");
                    s.append("    public ").append(a.javaType()).append(' ').append(a.javaName).append("() {\n");
                    s.append("        return ").append(a.defaultValue()).append(";\n    }\n\n");
                }
            }
        }

        s.append("    @Override\n    public int classId() {\n        return CLASS_ID;\n    }\n\n");
        s.append("    @Override\n    public int methodId() {\n        return METHOD_ID;\n    }\n\n");
        s.append("    @Override\n    public boolean hasContent() {\n        return ").append(m.content).append(";\n    }\n\n");
        s.append("    @Override\n    public String amqpName() {\n        return \"").append(m.amqpName()).append("\";\n    }\n\n");

        // writer
        s.append("    @Override\n    public void writeArguments(ByteBuf out) {\n");
        List<String> bits = new ArrayList<>();
        for (Arg a : m.args) {
            if (a.type.equals("bit")) {
                if (bits.size() == 8) {
                    flushBits(s, bits);
                }
                bits.add(a.reserved ? "false" : a.javaName);
                continue;
            }
            flushBits(s, bits);
            String v = a.reserved ? null : a.javaName;
            switch (a.type) {
                case "octet" -> s.append("        out.writeByte(").append(v == null ? "0" : v).append(");\n");
                case "short" -> s.append("        out.writeShort(").append(v == null ? "0" : v).append(");\n");
                case "long" -> s.append("        out.writeInt(").append(v == null ? "0" : "(int) " + v).append(");\n");
                case "longlong", "timestamp" -> s.append("        out.writeLong(").append(v == null ? "0L" : v).append(");\n");
                case "shortstr" -> s.append(v == null ? "        out.writeByte(0);\n"
                        : "        AmqpWire.writeShortString(out, " + v + ");\n");
                case "longstr" -> s.append(v == null ? "        out.writeInt(0);\n"
                        : a.binary ? "        AmqpWire.writeLongBytes(out, " + v + ");\n"
                        : "        AmqpWire.writeLongString(out, " + v + ");\n");
                case "table" -> s.append(v == null ? "        out.writeInt(0);\n"
                        : "        AmqpFieldTable.write(out, " + v + ");\n");
                default -> throw new IllegalStateException(a.type);
            }
        }
        flushBits(s, bits);
        s.append("    }\n\n");

        // reader
        s.append("    /** Reads the arguments of this method; truncated input throws {@link IndexOutOfBoundsException}. */\n");
        s.append("    static ").append(m.recordName()).append(" read(ByteBuf in) {\n");
        if (comps.isEmpty() && m.args.isEmpty()) {
            s.append("        return INSTANCE;\n    }\n");
        } else {
            int bitIndex = 0;
            int group = 0;
            for (Arg a : m.args) {
                if (a.type.equals("bit")) {
                    if (bitIndex == 0 || bitIndex == 8) {
                        group++;
                        bitIndex = 0;
                        s.append("        int bits").append(group).append(" = in.readUnsignedByte();\n");
                    }
                    if (!a.reserved) {
                        s.append("        boolean ").append(a.javaName).append(" = (bits").append(group)
                                .append(" & ").append(1 << bitIndex).append(") != 0;\n");
                    }
                    bitIndex++;
                    continue;
                }
                bitIndex = 0;
                String read = switch (a.type) {
                    case "octet" -> "in.readUnsignedByte()";
                    case "short" -> "in.readUnsignedShort()";
                    case "long" -> "in.readUnsignedInt()";
                    case "longlong", "timestamp" -> "in.readLong()";
                    case "shortstr" -> a.name == null ? "AmqpWire.readShortString(in)"
                            : a.name.equals("DECLARED") ? "AmqpWire.readDeclaredName(in)" : "AmqpWire.readName(in)";
                    case "longstr" -> a.binary ? "AmqpWire.readLongBytes(in)" : "AmqpWire.readLongString(in)";
                    case "table" -> "AmqpFieldTable.read(in)";
                    default -> throw new IllegalStateException(a.type);
                };
                if (a.reserved) {
                    String skip = switch (a.type) {
                        case "octet" -> "in.skipBytes(1)";
                        case "short" -> "in.skipBytes(2)";
                        case "long" -> "in.skipBytes(4)";
                        case "longlong", "timestamp" -> "in.skipBytes(8)";
                        case "shortstr" -> "in.skipBytes(in.readUnsignedByte())";
                        case "longstr" -> "in.skipBytes(AmqpWire.readLongLength(in))";
                        default -> read;
                    };
                    s.append("        ").append(skip).append("; // ").append(a.specName).append(", reserved\n");
                } else {
                    s.append("        ").append(a.javaType()).append(' ').append(a.javaName).append(" = ").append(read).append(";\n");
                }
            }
            if (comps.isEmpty()) {
                s.append("        return INSTANCE;\n    }\n");
            } else {
                s.append("        return new ").append(m.recordName()).append("(")
                        .append(String.join(", ", comps.stream().map(Arg::javaName).toList())).append(");\n    }\n");
            }
        }

        if (m.hasBinary()) {
            s.append(binaryObjectMethods(m));
        }
        s.append("}\n");
        return s.toString();
    }

    private static void flushBits(StringBuilder s, List<String> bits) {
        if (bits.isEmpty()) {
            return;
        }
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < bits.size(); i++) {
            if (!bits.get(i).equals("false")) {
                terms.add("(" + bits.get(i) + " ? " + (1 << i) + " : 0)");
            }
        }
        s.append("        out.writeByte(").append(terms.isEmpty() ? "0" : String.join(" | ", terms)).append(");\n");
        bits.clear();
    }

    /** equals/hashCode by content for byte[] components; toString hides their bytes (they are secrets). */
    private static String binaryObjectMethods(Method m) {
        List<Arg> comps = m.components();
        StringBuilder s = new StringBuilder();
        s.append("\n    @Override\n    public boolean equals(Object o) {\n");
        s.append("        if (this == o) {\n            return true;\n        }\n");
        s.append("        if (!(o instanceof ").append(m.recordName()).append(" other)) {\n            return false;\n        }\n");
        List<String> terms = new ArrayList<>();
        for (Arg a : comps) {
            if (a.binary) {
                terms.add("Arrays.equals(" + a.javaName + ", other." + a.javaName + ")");
            } else if (a.javaType().equals("int") || a.javaType().equals("long") || a.javaType().equals("boolean")) {
                terms.add(a.javaName + " == other." + a.javaName);
            } else {
                terms.add(a.javaName + ".equals(other." + a.javaName + ")");
            }
        }
        s.append("        return ").append(String.join("\n                && ", terms)).append(";\n    }\n\n");
        s.append("    @Override\n    public int hashCode() {\n        int h = 0;\n");
        for (Arg a : comps) {
            String hash = a.binary ? "Arrays.hashCode(" + a.javaName + ")"
                    : switch (a.javaType()) {
                        case "int" -> "Integer.hashCode(" + a.javaName + ")";
                        case "long" -> "Long.hashCode(" + a.javaName + ")";
                        case "boolean" -> "Boolean.hashCode(" + a.javaName + ")";
                        default -> a.javaName + ".hashCode()";
                    };
            s.append("        h = 31 * h + ").append(hash).append(";\n");
        }
        s.append("        return h;\n    }\n\n");
        s.append("    @Override\n    public String toString() {\n        return \"").append(m.recordName()).append("[\"");
        for (int i = 0; i < comps.size(); i++) {
            Arg a = comps.get(i);
            s.append(" + \"").append(i > 0 ? ", " : "").append(a.javaName).append("=\" + ");
            s.append(a.binary ? "\"<\" + " + a.javaName + ".length + \" bytes>\"" : a.javaName);
        }
        s.append(" + \"]\";\n    }\n");
        return s.toString();
    }

    private static String table(List<Method> methods) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import io.netty.buffer.ByteBuf;\n\n");
        s.append("/**\n * The class-id/method-id switch over every AMQP 0-9-1 method (spec section 4.2.4), used by\n");
        s.append(" * {@link AmqpMethodDecoder}. Generated from the spec by {@code src/codegen/AmqpCodegen.java}; do not edit.\n */\n");
        s.append("final class AmqpMethodTable {\n    private AmqpMethodTable() {\n    }\n\n");
        s.append("    /** Reads the method's arguments, or returns null for an unknown class/method id. */\n");
        s.append("    static AmqpMethod read(int classId, int methodId, ByteBuf in) {\n");
        s.append("        return switch ((classId << 16) | methodId) {\n");
        for (Method m : methods) {
            s.append("            case ").append((m.classId << 16) | m.id).append(" -> ").append(m.recordName())
                    .append(".read(in); // ").append(m.amqpName()).append("\n");
        }
        s.append("            default -> null;\n        };\n    }\n\n");
        s.append("    /** The spec name ({@code basic.publish}) of a method, or null if unknown. */\n");
        s.append("    static String name(int classId, int methodId) {\n");
        s.append("        return switch ((classId << 16) | methodId) {\n");
        for (Method m : methods) {
            s.append("            case ").append((m.classId << 16) | m.id).append(" -> \"").append(m.amqpName()).append("\";\n");
        }
        s.append("            default -> null;\n        };\n    }\n\n");
        s.append("    /** The spec name ({@code basic}) of a class, or null if unknown. */\n");
        s.append("    static String className(int classId) {\n        return switch (classId) {\n");
        Map<Integer, String> classes = new LinkedHashMap<>();
        for (Method m : methods) {
            classes.put(m.classId, m.className);
        }
        classes.forEach((id, name) -> s.append("            case ").append(id).append(" -> \"").append(name).append("\";\n"));
        s.append("            default -> null;\n        };\n    }\n\n");
        s.append("    /** The record class of every method, in spec order (for tests and tools). */\n");
        s.append("    static final java.util.List<Class<? extends AmqpMethod>> ALL = java.util.List.of(\n");
        for (int i = 0; i < methods.size(); i++) {
            s.append("            ").append(methods.get(i).recordName()).append(".class")
                    .append(i < methods.size() - 1 ? ",\n" : ");\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static String javaName(String specName) {
        return switch (specName) {
            case "nowait" -> "noWait";
            // close's class-id/method-id name the failing method; classId()/methodId() are AmqpMethod's own
            case "class-id" -> "failingClassId";
            case "method-id" -> "failingMethodId";
            default -> camel(specName, false);
        };
    }

    private static String camel(String name, boolean upperFirst) {
        StringBuilder s = new StringBuilder();
        boolean upper = upperFirst;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_' || c == ' ') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** A minimal JSON reader: objects (insertion-ordered maps), arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String text;
        private int pos;

        Json(String text) {
            this.text = text;
        }

        Object parse() {
            Object value = value();
            skipSpace();
            if (pos != text.length()) {
                throw error("trailing characters");
            }
            return value;
        }

        private Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    expect("true");
                    return Boolean.TRUE;
                case 'f':
                    expect("false");
                    return Boolean.FALSE;
                case 'n':
                    expect("null");
                    return null;
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                if (text.charAt(pos++) != ':') {
                    throw error("expected ':'");
                }
                map.put(key, value());
                skipSpace();
                char c = text.charAt(pos++);
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                char c = text.charAt(pos++);
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            if (text.charAt(pos) != '"') {
                throw error("expected a string");
            }
            pos++;
            StringBuilder s = new StringBuilder();
            while (true) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> s.append(e); // \" \\ \/
                }
            }
        }

        private Number number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String n = text.substring(start, pos);
            if (n.isEmpty()) {
                throw error("unexpected character");
            }
            return n.matches("-?\\d+") ? (Number) Long.parseLong(n) : (Number) Double.parseDouble(n);
        }

        private void expect(String word) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("JSON: " + message + " at offset " + pos);
        }
    }
}
