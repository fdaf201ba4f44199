package org.anonchat.realtime.admin.boundary;

import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.messages.entity.MessageRejected;

/** Every failure of a REST call leaves as problem JSON (RFC 9457), whatever raised it. */
public final class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

  /** JAX-RS's own errors (404 for an unknown path, 405, 415...) and ours, which already carry a problem body. */
  @Provider
  public static class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r.hasEntity() && Problems.MEDIA_TYPE.equals(String.valueOf(r.getMediaType()))) return r;
      Response.ResponseBuilder b = Problems.builder(r.getStatus(), r.getStatusInfo().getReasonPhrase(), e.getMessage());
      r.getHeaders().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Content-Type")) values.forEach(v -> b.header(name, v));
      });
      return b.build();
    }
  }

  /** A message the messages component refused (not found, and so on). */
  @Provider
  public static class Rejected implements ExceptionMapper<MessageRejected> {
    @Override
    public Response toResponse(MessageRejected e) {
      return switch (e.reason()) {
        case NOT_FOUND -> Problems.response(404, "Not Found", e.getMessage());
        case FORBIDDEN -> Problems.response(403, "Forbidden", e.getMessage());
        default -> Problems.response(400, "Bad Request", e.getMessage());
      };
    }
  }

  /** A body that is not the JSON expected. */
  @Provider
  public static class BadJson implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException e) {
      return Problems.response(400, "Bad Request", "the body must be a JSON object as documented");
    }
  }

  /** Anything else is a bug: logged, answered without internals. */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      if (e instanceof WebApplicationException w) return new WebApplication().toResponse(w);
      LOG.log(Level.WARNING, "Admin API call failed", e);
      return Problems.response(500, "Internal Server Error", "see the server log");
    }
  }
}
