package org.anonchat.realtime.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.anonchat.realtime.messages.boundary.Messages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stored messages: newest first, filtered by room, user or text; deleting one tells its room. */
@Path("admin/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages", description = "Stored messages")
@SecurityRequirement(name = "session")
@SecurityRequirement(name = "basic")
public class MessagesResource {

  static final int MAX_PAGE = 200;

  @Inject Messages messages;

  @GET
  @Operation(summary = "Page or search messages", description = "Newest first. Filters: roomId, userId, q (text, "
      + "case-insensitive); paging: before (createdAt of the last one seen), limit 1..200 (default 50).")
  public JsonArray search(@QueryParam("roomId") String roomId, @QueryParam("userId") String userId,
      @QueryParam("q") String text, @QueryParam("before") Long before, @QueryParam("limit") Integer limit) {
    if (text != null && text.length() > 200) throw Problems.badRequest("q must be at most 200 characters");
    JsonArrayBuilder a = Json.createArrayBuilder();
    messages.search(Inputs.optionalId("roomId", roomId), Inputs.optionalId("userId", userId),
            text == null || text.isBlank() ? null : text, before, Inputs.limit(limit, MAX_PAGE))
        .forEach(m -> a.add(AdminViews.message(m)));
    return a.build();
  }

  @DELETE
  @Path("{roomId}/{messageId}")
  @Operation(summary = "Delete a message", description = "Forgets its text (the seq stays, history stays gap-free) "
      + "and sends message_deleted to the room, exactly as when the author deletes it.")
  @APIResponse(responseCode = "200", description = "The deleted message")
  @APIResponse(responseCode = "404", description = "No such message in that room, or already deleted")
  public JsonObject delete(@PathParam("roomId") String roomId, @PathParam("messageId") String messageId) {
    return AdminViews.message(messages.deleteByOperator(Inputs.id("roomId", roomId), Inputs.id("messageId", messageId)));
  }
}
