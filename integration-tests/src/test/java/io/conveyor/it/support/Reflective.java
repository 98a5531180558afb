package io.conveyor.it.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Calls a public method by name on an object from another class space (a framework in its
 * own class loader, a service whose API is the bundle's copy, not the test's). Only the
 * method name and argument count are matched, with {@code java.*} arguments; the method is
 * taken from a public type so that implementation classes that are not public still work.
 */
public final class Reflective {
    private Reflective() {
    }

    /**
     * @param target the object
     * @param name a public method name
     * @param args the arguments
     * @return what the method returned
     */
    public static Object call(Object target, String name, Object... args) {
        Method m = find(target.getClass(), name, args);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(name + " threw " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + m + ": " + e.getMessage(), e);
        }
    }

    private static Method find(Class<?> type, String name, Object[] args) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (Modifier.isPublic(c.getModifiers())) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers()) && accepts(m, args)) {
                        return m;
                    }
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(java.util.List.of(c.getInterfaces()));
        }
        throw new IllegalArgumentException("no public method " + name + " with " + args.length + " arguments on " + type.getName());
    }

    private static boolean accepts(Method m, Object[] args) {
        Class<?>[] params = m.getParameterTypes();
        if (params.length != args.length) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (args[i] != null && !box(params[i]).isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return Object.class;
    }
}
