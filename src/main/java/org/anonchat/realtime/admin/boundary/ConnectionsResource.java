package org.anonchat.realtime.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.anonchat.realtime.connections.boundary.Sockets;
import org.anonchat.realtime.connections.entity.ConnectionInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The open sockets of this node, and kicking one. */
@Path("admin/connections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections", description = "Open WebSocket connections")
@SecurityRequirement(name = "session")
@SecurityRequirement(name = "basic")
public class ConnectionsResource {

  static final int DEFAULT_KICK_CODE = 4000;

  @Inject Sockets sockets;

  @GET
  @Operation(summary = "List connections", description = "id, userId, displayName (null before auth), address, rooms, connectedSince.")
  public JsonArray list() {
    JsonArrayBuilder a = Json.createArrayBuilder();
    sockets.list().forEach(c -> a.add(AdminViews.connection(c)));
    return a.build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One connection")
  @APIResponse(responseCode = "404", description = "No such connection open")
  public JsonObject one(@PathParam("id") String id) {
    ConnectionInfo c = sockets.find(Inputs.id("id", id));
    if (c == null) throw Problems.notFound("no open connection " + id);
    return AdminViews.connection(c);
  }

  @POST
  @Path("{id}/kick")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Kick", description = "Closes the socket with the close code (default 4000; 1000, 1001, 1008 or "
      + "3000-4999) and reason (default \"kicked by an operator\", at most 123 bytes) given in the body. The user may reconnect; ban to keep them out.")
  @APIResponse(responseCode = "200", description = "{\"kicked\":id,\"code\",\"reason\"}")
  @APIResponse(responseCode = "404", description = "No such connection open")
  public JsonObject kick(@PathParam("id") String id, JsonObject body) {
    Long code = Inputs.integer(body, "code", 1000, 4999);
    int closeCode = code == null ? DEFAULT_KICK_CODE : code.intValue();
    if (!Sockets.isSendableCloseCode(closeCode)) throw Problems.badRequest("code must be 1000, 1001, 1008 or 3000-4999");
    String reason = Inputs.string(body, "reason", false, Sockets.MAX_REASON_BYTES);
    if (reason == null) reason = "kicked by an operator";
    if (!Sockets.fitsCloseReason(reason)) throw Problems.badRequest("reason must be at most 123 bytes of UTF-8");
    if (!sockets.kick(Inputs.id("id", id), closeCode, reason)) throw Problems.notFound("no open connection " + id);
    return Json.createObjectBuilder().add("kicked", id).add("code", closeCode).add("reason", reason).build();
  }
}
