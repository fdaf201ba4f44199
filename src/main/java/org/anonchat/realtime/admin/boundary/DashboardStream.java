package org.anonchat.realtime.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import org.anonchat.realtime.metrics.entity.StatsSample;

/**
 * Every open dashboard stream, behind one broadcaster: each sample is encoded once for all of them. The
 * broadcaster is made from the first stream request's {@link Sse} (Jersey can only build one inside a
 * request), which is why this is a plain bean and not the resource itself.
 */
@ApplicationScoped
public class DashboardStream {

  private volatile Sse sse;
  private volatile SseBroadcaster broadcaster;

  void register(Sse requestSse, SseEventSink sink, String firstStats) {
    SseBroadcaster b = broadcaster(requestSse);
    b.register(sink);
    sink.send(stats(requestSse, firstStats));
  }

  void sampled(@Observes StatsSample sample) {
    SseBroadcaster b = broadcaster;
    if (b != null) b.broadcast(stats(sse, AdminViews.stats(sample).toString()));
  }

  private synchronized SseBroadcaster broadcaster(Sse requestSse) {
    if (broadcaster == null) {
      sse = requestSse;
      broadcaster = requestSse.newBroadcaster();
    }
    return broadcaster;
  }

  private static OutboundSseEvent stats(Sse sse, String json) {
    return sse.newEventBuilder().name("stats").mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, json).build();
  }
}
