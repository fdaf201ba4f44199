package org.anonchat.realtime.connections.control;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Tyrus's private fields that decision 0031 reaches into, looked up on the objects' own classes (so no Tyrus
 * implementation class is linked into this application) and cached per class.
 */
final class TyrusFields {

  /** Session → async remote → web socket → the protocol handler, which frames messages and holds the writer. */
  static final Path TO_PROTOCOL_HANDLER = new Path("asyncRemote", "webSocket", "protocolHandler");

  /** Session → … → protocol handler → the transport writer Tyrus writes frames to. */
  static final Path TO_WRITER = TO_PROTOCOL_HANDLER.then("writer");

  private TyrusFields() {}

  /**
   * A chain of private fields from one object to another. A name ending in '?' is followed only where it is set
   * (an optional wrapper on the way).
   */
  static final class Path {

    private final List<String> names;
    private final List<ClassValue<Field>> fields;

    Path(String... names) {
      this.names = List.of(names);
      this.fields = this.names.stream().map(name -> named(name.replace("?", ""))).toList();
    }

    /** This chain followed by {@code more}. */
    Path then(String... more) {
      return new Path(Stream.concat(names.stream(), Arrays.stream(more)).toArray(String[]::new));
    }

    /** The object at the end of the chain, or null, with {@code missing} told where the chain broke. */
    Object from(Object start, Consumer<String> missing) throws IllegalAccessException {
      Object at = start;
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i).get(at.getClass());
        Object next = f == null ? null : f.get(at);
        if (next != null) {
          at = next;
        } else if (!names.get(i).endsWith("?")) {
          missing.accept("no " + names.get(i) + " in " + at.getClass().getName());
          return null;
        }
      }
      return at;
    }
  }

  /** Per class, the field {@code name} declared by it or a superclass, made accessible; null if none. */
  static ClassValue<Field> named(String name) {
    return new ClassValue<>() {
      @Override
      protected Field computeValue(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
          try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
          } catch (NoSuchFieldException e) {
            // look in the superclass
          } catch (RuntimeException e) { // inaccessible (a named module): not reachable this way
            return null;
          }
        }
        return null;
      }
    };
  }
}
