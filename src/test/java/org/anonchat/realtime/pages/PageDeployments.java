package org.anonchat.realtime.pages;

import java.io.File;
import org.anonchat.realtime.pages.server.HandshakeGate;
import org.anonchat.realtime.support.Deployments;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The built WAR plus the test-only parts the page tests use: socket control and the logic test page. */
final class PageDeployments {

  private PageDeployments() {}

  static WebArchive withTestParts() {
    return Deployments.builtWar()
        .addPackage(HandshakeGate.class.getPackage())
        .addAsWebResource(new File("src/test/browser/logic-tests.html"), "test/logic-tests.html")
        .addAsWebResource(new File("src/test/browser/logic-tests.js"), "test/logic-tests.js");
  }
}
