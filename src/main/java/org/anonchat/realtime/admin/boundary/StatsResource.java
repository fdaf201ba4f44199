package org.anonchat.realtime.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.anonchat.realtime.metrics.control.LiveStats;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Live figures: the current ones, the last ten minutes, and a server-sent event stream that pushes each new
 * sample (event {@code stats}) once a second ({@link DashboardStream}).
 */
@Path("admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats", description = "Live figures of this node")
@SecurityRequirement(name = "session")
@SecurityRequirement(name = "basic")
public class StatsResource {

  @Inject LiveStats stats;
  @Inject DashboardStream stream;

  @GET
  @Operation(summary = "Current figures", description = "connections, usersOnline, rooms, messagesPerSecond, "
      + "deliveriesPerSecond, totals and fan-out latency percentiles (microseconds).")
  public JsonObject current() {
    return AdminViews.stats(stats.now());
  }

  @GET
  @Path("history")
  @Operation(summary = "The last ten minutes", description = "One sample per second, oldest first.")
  public JsonArray history() {
    JsonArrayBuilder a = Json.createArrayBuilder();
    stats.history().forEach(s -> a.add(AdminViews.stats(s)));
    return a.build();
  }

  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Live stream", description = "Server-sent events: a `stats` event (the JSON of GET /stats) "
      + "at once and then every second.")
  public void stream(@Context SseEventSink sink, @Context Sse sse) {
    stream.register(sse, sink, AdminViews.stats(stats.now()).toString());
  }
}
