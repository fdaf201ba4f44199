package org.anonchat.realtime.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.anonchat.realtime.admin.control.AdminAuthentication;
import org.anonchat.realtime.admin.control.AdminIdentityStore;
import org.anonchat.realtime.admin.control.LoginThrottle;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin login and logout. The session cookie then authenticates the dashboard; its CSRF token guards writes. */
@Path("admin/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session", description = "Admin login, logout and the CSRF token")
@SecuritySchemes({
  @SecurityScheme(securitySchemeName = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
      apiKeyName = "JSESSIONID", description = "The session made by POST /api/admin/session. State-changing calls "
          + "also need the session's token in the X-CSRF-Token header."),
  @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
      description = "The admin's name and password, for scripts. State-changing calls also need an X-CSRF-Token header (any value).")
})
public class SessionResource {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject IdentityStoreHandler identityStores;
  @Inject LoginThrottle throttle;

  @Inject
  @ConfigProperty(name = "chat.admin.session-timeout", defaultValue = "PT30M")
  Duration sessionTimeout;

  @Context HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Log in", description = "Body {\"username\",\"password\"}. Sets the session cookie and returns "
      + "the CSRF token. Failed logins are limited per client address (429 with Retry-After).")
  @APIResponse(responseCode = "200", description = "{\"username\",\"csrfToken\"}")
  @APIResponse(responseCode = "401", description = "Wrong name or password (problem JSON)")
  @APIResponse(responseCode = "429", description = "Too many failed logins from this address (problem JSON)")
  public Response login(JsonObject body) {
    String username = Inputs.string(Inputs.body(body), "username", true, 256);
    String password = Inputs.string(body, "password", true, 1024);
    String address = request.getRemoteAddr();
    long now = System.currentTimeMillis();
    Duration wait = throttle.retryAfter(address, now);
    if (!wait.isZero()) {
      return Problems.builder(429, "Too Many Requests", "too many failed logins from this address; try again later")
          .header("Retry-After", wait.toSeconds()).build();
    }
    CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(username, password));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed(address, now);
      return Problems.response(401, "Unauthorized", "wrong name or password");
    }
    throttle.succeeded(address);
    HttpSession old = request.getSession(false);
    if (old != null) old.invalidate(); // a fresh session id after login: no session fixation
    HttpSession session = request.getSession(true);
    session.setMaxInactiveInterval((int) sessionTimeout.toSeconds());
    String csrf = token();
    session.setAttribute(AdminAuthentication.SESSION_USER, result.getCallerPrincipal().getName());
    session.setAttribute(AdminAuthentication.SESSION_CSRF, csrf);
    return Response.ok(Json.createObjectBuilder().add("username", result.getCallerPrincipal().getName())
        .add("csrfToken", csrf).build()).build();
  }

  @GET
  @Operation(summary = "Who is logged in", description = "{\"authenticated\": false} for anyone but the admin; "
      + "for the admin the name, how they authenticated and, for a session, its CSRF token (a reloaded page reads it here).")
  public JsonObject current() {
    if (request.getUserPrincipal() == null || !request.isUserInRole(AdminIdentityStore.ADMIN_ROLE)) {
      return Json.createObjectBuilder().add("authenticated", false).build();
    }
    HttpSession session = request.getSession(false);
    Object csrf = session == null ? null : session.getAttribute(AdminAuthentication.SESSION_CSRF);
    var b = Json.createObjectBuilder().add("authenticated", true).add("username", request.getUserPrincipal().getName())
        .add("via", String.valueOf(request.getAttribute(AdminAuthentication.VIA)));
    if (csrf instanceof String token && "session".equals(request.getAttribute(AdminAuthentication.VIA))) b.add("csrfToken", token);
    return b.build();
  }

  @DELETE
  @Operation(summary = "Log out", description = "Ends the session.")
  @APIResponse(responseCode = "204", description = "Logged out")
  @SecurityRequirement(name = "session")
  public Response logout() {
    HttpSession session = request.getSession(false);
    if (session != null) session.invalidate();
    return Response.noContent().build();
  }

  private static String token() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
