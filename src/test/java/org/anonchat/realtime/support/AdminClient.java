package org.anonchat.realtime.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real HTTP client of the admin API (java.net.http) with its own cookie jar, so a login makes a session
 * just as in a browser. Requests go to loopback on the deployment's port.
 */
public final class AdminClient {

  /** The test servers' admin password (its hash is set in pom.xml's chat.it.options). */
  public static final String USERNAME = "admin";
  public static final String PASSWORD = "it-admin-password";

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI api;
  private final URI server;
  private String csrf;

  public AdminClient(URL base) {
    String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    this.server = URI.create("http://127.0.0.1:" + base.getPort() + "/");
    this.api = server.resolve(path + "api/");
  }

  /** Logs in with the test credentials and keeps the session cookie and CSRF token. */
  public AdminClient login() throws Exception {
    HttpResponse<String> r = login(USERNAME, PASSWORD);
    if (r.statusCode() != 200) throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
    csrf = json(r).asJsonObject().getString("csrfToken");
    return this;
  }

  public HttpResponse<String> login(String username, String password) throws Exception {
    return send("POST", "admin/session", Json.createObjectBuilder().add("username", username).add("password", password)
        .build().toString(), "login");
  }

  public String csrf() {
    return csrf;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(request(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> getFromServer(String path) throws Exception {
    return http.send(request(server.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A state-changing call carrying this session's CSRF token. */
  public HttpResponse<String> post(String path, String body) throws Exception {
    return send("POST", path, body, csrf);
  }

  public HttpResponse<String> delete(String path) throws Exception {
    return send("DELETE", path, null, csrf);
  }

  /** Any call with an explicit CSRF header value (null: none) and extra headers as name, value pairs. */
  public HttpResponse<String> send(String method, String path, String body, String csrfToken, String... headers)
      throws Exception {
    HttpRequest.Builder b = request(api.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (csrfToken != null) b.header("X-CSRF-Token", csrfToken);
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static JsonStructure json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).read();
  }

  public static JsonObject object(HttpResponse<String> r) {
    return json(r).asJsonObject();
  }

  private static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
  }
}
