package dev.warren.amqp.codec;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural comparison for decoded values: records, maps and lists compare by content, and so do {@code byte[]}
 * values, which Java's {@code equals} compares by identity.
 */
public final class Deep {

    private Deep() {
    }

    /** A byte array compared by content. */
    public record Bin(String hex) {
        @Override
        public String toString() {
            return "bytes[" + hex + "]";
        }
    }

    /** A value whose {@code equals} is structural, with a readable {@code toString} for assertion messages. */
    public static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new Bin(HexFormat.of().formatHex(bytes));
        }
        if (value instanceof Object[] array) {
            return normalize(Arrays.asList(array));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> normalized = new LinkedHashMap<>();
            map.forEach((k, v) -> normalized.put(normalize(k), normalize(v)));
            return normalized;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> normalized = new ArrayList<>();
            for (Object element : collection) {
                normalized.add(normalize(element));
            }
            return normalized;
        }
        if (value instanceof Record record) {
            Map<String, Object> normalized = new LinkedHashMap<>();
            normalized.put("@record", record.getClass().getName());
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    normalized.put(component.getName(), normalize(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return normalized;
        }
        return value;
    }
}
