package io.github.kcpat.token;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Writes JSON with the JDK alone, for what the CLI prints (it runs with this JAR alone on the class path, without
 * Jackson) and for the stored credential JSON, which server and CLI must write alike. A record is written as an object
 * of its components, in order; a null component as {@code null}, or not at all when marked {@link OmitWhenNull}.
 */
public final class JsonText {

    /** A record component left out of the JSON when it is null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface OmitWhenNull {
    }

    private JsonText() {
    }

    public static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Record record) {
            return object(record);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(entry -> quote(entry.getKey().toString()) + ":" + write(entry.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonText::write).collect(Collectors.joining(",", "[", "]"));
        }
        throw new IllegalArgumentException("cannot write " + value.getClass());
    }

    private static String object(Record record) {
        StringJoiner fields = new StringJoiner(",", "{", "}");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = valueOf(component, record);
            if (value != null || !component.isAnnotationPresent(OmitWhenNull.class)) {
                fields.add(quote(component.getName()) + ":" + write(value));
            }
        }
        return fields.toString();
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName());
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
