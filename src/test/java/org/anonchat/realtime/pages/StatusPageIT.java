package org.anonchat.realtime.pages;

import java.net.URL;
import org.anonchat.realtime.support.Deployments;
import org.anonchat.realtime.support.browser.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The page served at the root opens the chat socket from a real browser. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StatusPageIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Test
  void theRootPageReachesTheSocketInARealBrowser() {
    try (Browser browser = Browser.start()) {
      browser.open(base);
      browser.awaitText(By.id("status"), "connected");
      browser.assertNoConsoleErrors();
    }
  }
}
