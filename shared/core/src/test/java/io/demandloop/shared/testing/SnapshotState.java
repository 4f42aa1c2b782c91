package io.demandloop.shared.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What a SnapStart snapshot would carry that must not be shared between restored environments: every
 * {@link Instant}, {@link UUID} and {@link Random} reachable from an object through the fields of our own classes
 * ({@code io.demandloop}), with the path to it. Comparing it before and after a priming hook shows whether the hook
 * captured something random or time-bound.
 */
public final class SnapshotState {

    private SnapshotState() {
    }

    /** The paths ({@code Handler.service.clock...}) and values of every such field reachable from {@code root}. */
    public static List<String> randomOrTimeBound(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, root.getClass().getSimpleName(), Collections.newSetFromMap(new IdentityHashMap<>()), found, 0);
        return found;
    }

    private static void walk(Object value, String path, Set<Object> seen, List<String> found, int depth) {
        if (value == null || depth > 12 || !seen.add(value)) {
            return;
        }
        if (value instanceof Instant || value instanceof UUID || value instanceof Random) {
            found.add(path + " = " + value);
            return;
        }
        if (!value.getClass().getName().startsWith("io.demandloop.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    walk(field.get(value), path + "." + field.getName(), seen, found, depth + 1);
                } catch (RuntimeException | IllegalAccessException e) {
                    // a field the module system hides is not ours
                }
            }
        }
    }
}
