package org.anonchat.realtime.admin.boundary;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.anonchat.realtime.admin.control.AdminAuthentication;
import org.anonchat.realtime.admin.control.AdminIdentityStore;

/**
 * The admin API's door, for every path under {@code /api/admin/} (by path, so a new resource cannot be
 * forgotten): 401 without a caller, 403 for a caller without the admin role, 429 while logins from the
 * address are throttled, and the CSRF rule for every state-changing method (docs/admin.md#security). Only
 * {@code POST /api/admin/session} (the login) is open, and even it needs the CSRF header.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminGuard implements ContainerRequestFilter {

  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Context
  HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/")) path = path.substring(1);
    if (!path.equals("admin") && !path.startsWith("admin/")) return;
    Object throttled = servletRequest.getAttribute(AdminAuthentication.THROTTLED);
    if (throttled != null) {
      request.abortWith(Problems.builder(429, "Too Many Requests", "too many failed logins from this address; try again later")
          .header("Retry-After", throttled).build());
      return;
    }
    // The login, and the probe that tells a page whether it is logged in (it must not need to be).
    boolean open = path.equals("admin/session") && ("POST".equals(request.getMethod()) || "GET".equals(request.getMethod()));
    if (!open) {
      SecurityContext security = request.getSecurityContext();
      if (security.getUserPrincipal() == null) {
        request.abortWith(unauthorized(request));
        return;
      }
      if (!security.isUserInRole(AdminIdentityStore.ADMIN_ROLE)) {
        request.abortWith(Problems.response(403, "Forbidden", "the admin role is required"));
        return;
      }
    }
    if (!SAFE_METHODS.contains(request.getMethod())) {
      String problem = csrfProblem(request.getHeaderString(CSRF_HEADER));
      if (problem != null) request.abortWith(Problems.response(403, "Forbidden", problem));
    }
  }

  /**
   * A state-changing call must carry the header. With an admin session it must be that session's token; for
   * Basic callers any value shows the request was not a plain cross-site form (which cannot set headers).
   */
  private String csrfProblem(String token) {
    if (token == null || token.isBlank()) return "state-changing calls need the " + CSRF_HEADER + " header";
    if (!"session".equals(servletRequest.getAttribute(AdminAuthentication.VIA))) return null;
    HttpSession session = servletRequest.getSession(false);
    Object expected = session == null ? null : session.getAttribute(AdminAuthentication.SESSION_CSRF);
    if (expected instanceof String e
        && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    return CSRF_HEADER + " does not match this session's token";
  }

  /**
   * 401 with a Basic challenge for scripts; a request marked {@code X-Requested-With} (the dashboard) gets
   * none, so the browser shows the page's own login instead of its password dialog.
   */
  private Response unauthorized(ContainerRequestContext request) {
    String detail = servletRequest.getAttribute(AdminAuthentication.REJECTED) != null
        ? "the credentials were not accepted" : "log in first (POST /api/admin/session) or send Basic credentials";
    Response.ResponseBuilder b = Problems.builder(401, "Unauthorized", detail);
    if (request.getHeaderString("X-Requested-With") == null) b.header("WWW-Authenticate", "Basic realm=\"anonchat-admin\", charset=\"UTF-8\"");
    return b.build();
  }
}
