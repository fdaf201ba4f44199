package org.anonchat.realtime.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.anonchat.realtime.connections.boundary.Notifications;
import org.anonchat.realtime.connections.boundary.Sockets;
import org.anonchat.realtime.connections.entity.ConnectionInfo;
import org.anonchat.realtime.moderation.control.Sanctions;
import org.anonchat.realtime.moderation.entity.Sanction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users: who is connected or sanctioned, mute and ban for a duration, and notifications. */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "Users, mutes, bans and notifications")
@SecurityRequirement(name = "session")
@SecurityRequirement(name = "basic")
public class UsersResource {

  static final int MAX_REASON = 200;

  @Inject Sockets sockets;
  @Inject Sanctions sanctions;
  @Inject Notifications notifications;

  @GET
  @Operation(summary = "List users", description = "Users connected here or under a sanction: userId, displayName, "
      + "connections, sanction (null if none).")
  public JsonArray list() {
    Map<String, JsonObjectBuilder> users = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (ConnectionInfo c : sockets.list()) {
      if (c.userId() == null) continue;
      counts.merge(c.userId(), 1, Integer::sum);
      users.computeIfAbsent(c.userId(), id -> Json.createObjectBuilder().add("userId", id).add("displayName", c.displayName()));
    }
    for (Sanction s : sanctions.inForce()) users.computeIfAbsent(s.userId(), id -> Json.createObjectBuilder().add("userId", id).addNull("displayName"));
    JsonArrayBuilder a = Json.createArrayBuilder();
    users.forEach((id, b) -> {
      b.add("connections", counts.getOrDefault(id, 0));
      sanctions.of(id).ifPresentOrElse(s -> b.add("sanction", AdminViews.sanction(s)), () -> b.addNull("sanction"));
      a.add(b);
    });
    return a.build();
  }

  @GET
  @Path("{userId}")
  @Operation(summary = "One user", description = "Their open connections here and their sanction, if any.")
  public JsonObject one(@PathParam("userId") String userId) {
    Inputs.id("userId", userId);
    JsonArrayBuilder connections = Json.createArrayBuilder();
    sockets.list().stream().filter(c -> userId.equals(c.userId())).forEach(c -> connections.add(AdminViews.connection(c)));
    JsonObjectBuilder b = Json.createObjectBuilder().add("userId", userId).add("connections", connections);
    sanctions.of(userId).ifPresentOrElse(s -> b.add("sanction", AdminViews.sanction(s)), () -> b.addNull("sanction"));
    return b.build();
  }

  @POST
  @Path("{userId}/mute")
  @Operation(summary = "Mute", description = "Body {durationSeconds, reason?}. Until then the user's send_message and "
      + "edit_message get error MUTED; reading, typing and presence go on.")
  @APIResponse(responseCode = "200", description = "The sanction")
  public JsonObject mute(@PathParam("userId") String userId, JsonObject body) {
    return impose(userId, Sanction.Kind.MUTE, body);
  }

  @POST
  @Path("{userId}/ban")
  @Operation(summary = "Ban", description = "Body {durationSeconds, reason?}. The user's open sockets get error BANNED "
      + "and are closed with 4003; until then every auth as that user is refused the same way.")
  public JsonObject ban(@PathParam("userId") String userId, JsonObject body) {
    return impose(userId, Sanction.Kind.BAN, body);
  }

  @DELETE
  @Path("{userId}/sanction")
  @Operation(summary = "Lift a mute or ban")
  @APIResponse(responseCode = "204", description = "Lifted")
  @APIResponse(responseCode = "404", description = "The user had none in force")
  public Response lift(@PathParam("userId") String userId) {
    if (!sanctions.lift(Inputs.id("userId", userId))) throw Problems.notFound("no mute or ban in force for " + userId);
    return Response.noContent().build();
  }

  @POST
  @Path("{userId}/notifications")
  @Operation(summary = "Notify a user", description = "The body (any JSON object) becomes the payload of a notification "
      + "event on every connection of the user on this node. Nothing is stored: a user with no connection gets nothing.")
  @APIResponse(responseCode = "200", description = "{\"reached\": n}: how many connections it was queued on, 0 included")
  public JsonObject notify(@PathParam("userId") String userId, JsonObject body) {
    int reached = notifications.notify(Inputs.id("userId", userId), Inputs.body(body));
    return Json.createObjectBuilder().add("userId", userId).add("reached", reached).build();
  }

  private JsonObject impose(String userId, Sanction.Kind kind, JsonObject body) {
    Inputs.id("userId", userId);
    Long seconds = Inputs.integer(Inputs.body(body), "durationSeconds", 1, Sanctions.LONGEST.toSeconds());
    if (seconds == null) throw Problems.badRequest("durationSeconds is required");
    String reason = Inputs.string(body, "reason", false, MAX_REASON);
    return AdminViews.sanction(sanctions.impose(userId, kind, Duration.ofSeconds(seconds), reason));
  }

}
