package org.anonchat.realtime.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.anonchat.realtime.connections.boundary.Sockets;
import org.anonchat.realtime.messages.boundary.Messages;
import org.anonchat.realtime.messages.entity.Posted;
import org.anonchat.realtime.moderation.control.RoomRules;
import org.anonchat.realtime.rooms.control.RoomAccess;
import org.anonchat.realtime.moderation.entity.RoomRule;
import org.anonchat.realtime.presence.control.Presence;
import org.anonchat.realtime.rooms.control.Rooms;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rooms: live ones with their members, and operators' rules (created, closed, private); system messages. */
@Path("admin/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rooms", description = "Rooms, members and system messages")
@SecurityRequirement(name = "session")
@SecurityRequirement(name = "basic")
public class RoomsResource {

  /** Who a system message is from, on the wire (userId) and in the clients (displayName). */
  public static final String SYSTEM_USER = "system";
  static final String SYSTEM_NAME = "System";
  static final int MAX_ALLOWED = 1000;

  @Inject Rooms rooms;
  @Inject RoomRules rules;
  @Inject RoomAccess roomAccess;
  @Inject Sockets sockets;
  @Inject Messages messages;
  @Inject Presence presence;

  @GET
  @Operation(summary = "List rooms", description = "Rooms with members in memory and rooms with an operator's rule: "
      + "roomId, members, live, closed, private (and allowed).")
  public JsonArray list() {
    Map<String, Integer> counts = rooms.memberCounts();
    Map<String, RoomRule> byId = new TreeMap<>();
    rules.all().forEach(r -> byId.put(r.roomId(), r));
    Set<String> ids = new java.util.TreeSet<>(counts.keySet());
    ids.addAll(byId.keySet());
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (String id : ids) {
      JsonObjectBuilder b = Json.createObjectBuilder().add("roomId", id).add("members", counts.getOrDefault(id, 0))
          .add("live", counts.containsKey(id));
      a.add(AdminViews.rule(byId.get(id), b));
    }
    return a.build();
  }

  @POST
  @Operation(summary = "Create (or reopen) a room", description = "Body {roomId, private?: boolean, allowed?: [userId]}. "
      + "The room is listed even while empty; a private one admits only the users allowed.")
  @APIResponse(responseCode = "201", description = "The room")
  public Response create(JsonObject body) {
    String roomId = Inputs.id("roomId", Inputs.string(Inputs.body(body), "roomId", true, Inputs.MAX_ID));
    boolean isPrivate = body.getBoolean("private", false);
    Set<String> allowed = isPrivate ? allowed(body) : null;
    RoomRule rule = rules.create(roomId, allowed);
    if (isPrivate) roomAccess.makePrivateByOperator(roomId, SYSTEM_USER, allowed);
    return Response.status(201).entity(room(roomId, rule)).build();
  }

  @GET
  @Path("{roomId}")
  @Operation(summary = "One room")
  public JsonObject one(@PathParam("roomId") String roomId) {
    return room(Inputs.id("roomId", roomId), rules.of(roomId).orElse(null));
  }

  @GET
  @Path("{roomId}/members")
  @Operation(summary = "Members and their presence", description = "userId, displayName, status, lastSeen.")
  public JsonArray members(@PathParam("roomId") String roomId) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    presence.presenceOf(rooms.memberIds(Inputs.id("roomId", roomId))).forEach(p -> a.add(Json.createObjectBuilder()
        .add("userId", p.userId()).add("displayName", p.displayName()).add("status", p.status().wire())
        .add("lastSeen", p.lastSeen())));
    return a.build();
  }

  @POST
  @Path("{roomId}/close")
  @Operation(summary = "Close a room", description = "Removes every member (each gets room_leave) and refuses joins "
      + "(error FORBIDDEN) until the room is created again.")
  public JsonObject close(@PathParam("roomId") String roomId) {
    RoomRule rule = rules.close(Inputs.id("roomId", roomId));
    int removed = sockets.evict(roomId);
    return Json.createObjectBuilder(room(roomId, rule)).add("removed", removed).build();
  }

  @POST
  @Path("{roomId}/private")
  @Operation(summary = "Make a room private", description = "Body {allowed?: [userId]}: the current members and these "
      + "users may join; anyone else gets error FORBIDDEN. Nobody is removed. Stored like a private room a user "
      + "created (owner \"system\" unless it had one), so it stays private across restarts.")
  public JsonObject makePrivate(@PathParam("roomId") String roomId, JsonObject body) {
    Set<String> allowed = new HashSet<>(rooms.memberIds(Inputs.id("roomId", roomId)));
    if (body != null) allowed.addAll(allowed(body));
    RoomRule rule = rules.makePrivate(roomId, allowed);
    roomAccess.makePrivateByOperator(roomId, SYSTEM_USER, allowed); // stored: private across restarts
    return room(roomId, rule);
  }

  @POST
  @Path("{roomId}/messages")
  @Operation(summary = "System message", description = "Body {content}. Stored like any message (with the next seq) "
      + "from userId \"system\" and sent to the room as a message event.")
  @APIResponse(responseCode = "201", description = "{messageId, seq, roomId, connections}: connections in the room when it was sent")
  public Response systemMessage(@PathParam("roomId") String roomId, JsonObject body) {
    String content = Inputs.string(Inputs.body(body), "content", true, 65536);
    Inputs.id("roomId", roomId);
    int connections = rooms.connectionIds(roomId).size();
    Posted posted = messages.post(roomId, SYSTEM_USER, SYSTEM_NAME, null, content, null, rooms.memberIds(roomId).size());
    return Response.status(201).entity(Json.createObjectBuilder().add("messageId", posted.message().id())
        .add("seq", posted.message().seq()).add("roomId", roomId).add("connections", connections).build()).build();
  }

  private JsonObject room(String roomId, RoomRule rule) {
    Integer members = rooms.memberCounts().get(roomId);
    JsonObjectBuilder b = Json.createObjectBuilder().add("roomId", roomId).add("members", members == null ? 0 : members)
        .add("live", members != null);
    return AdminViews.rule(rule, b).build();
  }

  private static Set<String> allowed(JsonObject body) {
    JsonValue v = body.get("allowed");
    Set<String> ids = new HashSet<>();
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return ids;
    if (v.getValueType() != JsonValue.ValueType.ARRAY || v.asJsonArray().size() > MAX_ALLOWED) {
      throw Problems.badRequest("allowed must be an array of at most " + MAX_ALLOWED + " user ids");
    }
    for (JsonValue id : v.asJsonArray()) {
      if (!(id instanceof JsonString s)) throw Problems.badRequest("allowed must hold strings");
      ids.add(Inputs.id("allowed[]", s.getString()));
    }
    return ids;
  }
}
