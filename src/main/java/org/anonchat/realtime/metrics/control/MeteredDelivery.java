package org.anonchat.realtime.metrics.control;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Collection;
import java.util.List;
import org.anonchat.realtime.connections.control.Delivery;

/**
 * Counts what fan-out delivers and times room fan-outs, around whichever {@link Delivery} is in use, so the
 * socket code carries no metrics code. A chat message is recognised by its encoded type: the codec always
 * writes {@code type} first.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class MeteredDelivery implements Delivery {

  private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";

  @Inject @Delegate @Any Delivery delegate;
  @Inject ChatMetrics metrics;

  @Override
  public int toRoom(String roomId, String frame) {
    long start = System.nanoTime();
    int reached = delegate.toRoom(roomId, frame);
    metrics.fannedOut(System.nanoTime() - start);
    metrics.delivered(reached, frame.startsWith(MESSAGE_PREFIX));
    return reached;
  }

  @Override
  public int toRoom(String roomId, List<String> frames) {
    long start = System.nanoTime();
    int reached = delegate.toRoom(roomId, frames);
    metrics.fannedOut(System.nanoTime() - start);
    for (String frame : frames) metrics.delivered(reached, frame.startsWith(MESSAGE_PREFIX));
    return reached;
  }

  @Override
  public int toUsers(Collection<String> userIds, String frame) {
    int reached = delegate.toUsers(userIds, frame);
    metrics.delivered(reached, frame.startsWith(MESSAGE_PREFIX));
    return reached;
  }

  @Override
  public int toConnection(String connectionId, String frame) {
    int reached = delegate.toConnection(connectionId, frame);
    metrics.delivered(reached, frame.startsWith(MESSAGE_PREFIX));
    return reached;
  }
}
