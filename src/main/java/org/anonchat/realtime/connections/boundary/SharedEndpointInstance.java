package org.anonchat.realtime.connections.boundary;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves every socket with one endpoint instance. By default the container has CDI create and inject a new
 * managed instance for each socket (an injection target, a creational context, destroyed again at close): 90 of
 * the 1,061 samples recorded over a 6,000-connection ramp went there (JFR, {@code T004947Z}; 2 with this class).
 * {@link ChatEndpoint} keeps no state per socket (its fields are injected beans and configuration, set once), so
 * one instance, made by CDI on first use, serves all of them.
 */
public class SharedEndpointInstance extends ServerEndpointConfig.Configurator {

  private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(instances.computeIfAbsent(endpointClass, type -> CDI.current().select(type).get()));
  }
}
