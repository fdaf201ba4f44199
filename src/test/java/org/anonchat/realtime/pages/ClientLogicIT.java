package org.anonchat.realtime.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.anonchat.realtime.support.browser.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client's pure logic (backoff, the chat reducer, reconnect and queue rules) runs in the real Chromium,
 * loading the modules the WAR serves: src/test/browser/logic-tests.js. No Node needed on the build machine.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientLogicIT {

  /** As many tests as logic-tests.js holds today: a page that silently ran fewer must not pass. */
  private static final int EXPECTED_TESTS = 28;

  @Deployment
  static WebArchive deployment() {
    return PageDeployments.withTestParts();
  }

  @ArquillianResource
  URL base;

  @Test
  @SuppressWarnings("unchecked")
  void clientLogicPassesInTheBrowser() throws Exception {
    try (Browser browser = Browser.start()) {
      browser.open(new URL(base, "test/logic-tests.html"));
      browser.awaitScript("return Array.isArray(window.testResults)");
      List<Map<String, Object>> results = (List<Map<String, Object>>) browser.script("return window.testResults");
      List<String> failures = results.stream().filter(r -> !Boolean.TRUE.equals(r.get("ok")))
          .map(r -> r.get("name") + ": " + r.get("error")).toList();
      assertEquals(List.of(), failures, "failed JS tests");
      assertTrue(results.size() >= EXPECTED_TESTS, "only " + results.size() + " JS tests ran");
      browser.assertNoConsoleErrors();
    }
  }
}
