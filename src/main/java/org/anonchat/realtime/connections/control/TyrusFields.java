package org.anonchat.realtime.connections.control;

import java.lang.reflect.Field;

/**
 * Tyrus's private fields that decision 0031 reaches into, looked up on the objects' own classes (so no Tyrus
 * implementation class is linked into this application) and cached per class.
 */
final class TyrusFields {

  private TyrusFields() {}

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
