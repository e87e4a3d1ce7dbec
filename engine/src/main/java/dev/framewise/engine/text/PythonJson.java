package dev.framewise.engine.text;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text exactly as Python's {@code json.dumps(x, ensure_ascii=False, indent=…, sort_keys=…)} writes it,
 * which is what the {@code tojson} filter of Hugging Face chat templates produces ({@code ", "} and
 * {@code ": "} separators, non-ASCII kept). Jinjava's own tojson writes compact Jackson output instead.
 */
final class PythonJson {
    private PythonJson() {
    }

    static String dumps(Object value, Integer indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        write(value, out, indent, sortKeys, 0);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out, Integer indent, boolean sortKeys, int level) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(pythonFloat(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof Map<?, ?> map) {
            Map<?, ?> entries = sortKeys ? new TreeMap<>(map) : map;
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                separator(out, indent, level + 1, i++ > 0);
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, indent, sortKeys, level + 1);
            }
            if (i > 0 && indent != null) newline(out, indent, level);
            out.append('}');
        } else if (v instanceof Iterable<?> || v.getClass().isArray()) {
            out.append('[');
            int i = 0;
            for (Object item : v instanceof Iterable<?> it ? it : arrayItems(v)) {
                separator(out, indent, level + 1, i++ > 0);
                write(item, out, indent, sortKeys, level + 1);
            }
            if (i > 0 && indent != null) newline(out, indent, level);
            out.append(']');
        } else {
            quote(v.toString(), out);
        }
    }

    private static Iterable<Object> arrayItems(Object array) {
        java.util.List<Object> items = new java.util.ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) items.add(Array.get(array, i));
        return items;
    }

    private static void separator(StringBuilder out, Integer indent, int level, boolean notFirst) {
        if (indent == null) {
            if (notFirst) out.append(", ");
        } else {
            if (notFirst) out.append(',');
            newline(out, indent, level);
        }
    }

    private static void newline(StringBuilder out, int indent, int level) {
        out.append('\n').append(" ".repeat(indent * level));
    }

    /** Python {@code float.__repr__}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    private static String pythonFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e16)) {
            String[] parts = Double.toString(d).split("E");
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            int exp = Integer.parseInt(parts[1]);
            return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String plain = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
