package org.guarantor.engine.codec;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * A short hash of the shape of a graph of types: for every record reachable from the roots, its
 * name and its components' names and generic types; for every enum, its constants; for sealed
 * interfaces, their permitted types; other types by name only. Two builds whose domain records
 * differ in any way that changes how a value is written get different fingerprints, so one never
 * reads the other's snapshot.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(Class<?>... roots) {
    return HexFormat.of().formatHex(digest(describe(roots)), 0, 12);
  }

  /** The text that is hashed, one line per type in name order: readable when debugging. */
  static String describe(Class<?>... roots) {
    TreeMap<String, String> lines = new TreeMap<>();
    Set<Class<?>> seen = new HashSet<>();
    Deque<Type> todo = new ArrayDeque<>(Arrays.asList(roots));
    while (!todo.isEmpty()) {
      Type t = todo.pop();
      if (t instanceof ParameterizedType p) {
        todo.push(p.getRawType());
        todo.addAll(Arrays.asList(p.getActualTypeArguments()));
      } else if (t instanceof GenericArrayType a) {
        todo.push(a.getGenericComponentType());
      } else if (t instanceof WildcardType w) {
        todo.addAll(Arrays.asList(w.getUpperBounds()));
      } else if (t instanceof Class<?> c && seen.add(c)) {
        if (c.isArray()) {
          todo.push(c.getComponentType());
        } else if (c.isRecord()) {
          StringBuilder line = new StringBuilder("record(");
          for (RecordComponent rc : c.getRecordComponents()) {
            line.append(rc.getName()).append(':').append(rc.getGenericType().getTypeName());
            line.append(',');
            todo.push(rc.getGenericType());
          }
          lines.put(c.getName(), line.append(')').toString());
        } else if (c.isEnum()) {
          lines.put(c.getName(), "enum" + Arrays.toString(c.getEnumConstants()));
        } else if (c.isSealed()) {
          StringBuilder line = new StringBuilder("sealed(");
          for (Class<?> sub : c.getPermittedSubclasses()) {
            line.append(sub.getName()).append(',');
            todo.push(sub);
          }
          lines.put(c.getName(), line.append(')').toString());
        } else {
          lines.put(c.getName(), "type");
        }
      }
    }
    StringBuilder all = new StringBuilder();
    lines.forEach((k, v) -> all.append(k).append(' ').append(v).append('\n'));
    return all.toString();
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
