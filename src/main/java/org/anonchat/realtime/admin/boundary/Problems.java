package org.anonchat.realtime.admin.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details: every error of the admin API has this JSON shape and media type. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  public static Response response(int status, String title, String detail) {
    return builder(status, title, detail).build();
  }

  public static Response.ResponseBuilder builder(int status, String title, String detail) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("type", "about:blank").add("title", title).add("status", status);
    if (detail != null) body.add("detail", detail);
    return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
  }

  public static WebApplicationException badRequest(String detail) {
    return new WebApplicationException(response(400, "Bad Request", detail));
  }

  public static WebApplicationException notFound(String detail) {
    return new WebApplicationException(response(404, "Not Found", detail));
  }
}
