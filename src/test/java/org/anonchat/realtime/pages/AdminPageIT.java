package org.anonchat.realtime.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.anonchat.realtime.support.AdminClient;
import org.anonchat.realtime.support.ChatClient;
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

/** The admin page in a real headless Chromium: log in, watch a connection arrive live, kick it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Test
  void anOperatorSeesAConnectionArriveAndKicksIt() throws Exception {
    try (Browser browser = Browser.start()) {
      browser.open(new URL(base, "admin/"));
      browser.await(By.id("password")).sendKeys(AdminClient.PASSWORD);
      browser.driver().findElement(By.id("login-button")).click();
      browser.awaitText(By.id("live"), "live");
      browser.awaitText(By.id("stat-connections"), "0");
      browser.awaitScript("return document.querySelectorAll('#chart polyline').length === 2"); // both series drawn

      try (ChatClient chat = ChatClient.authenticated(base, "visitor")) {
        String id = chat.established().getJsonObject("payload").getString("clientId");
        browser.awaitText(By.id("stat-connections"), "1");
        By kick = By.cssSelector("tr[data-connection-id='" + id + "'] button.kick");
        browser.await(kick).click();
        assertEquals(4000, chat.awaitClose(Browser.WAIT), "closed with the page's default kick code");
        browser.awaitText(By.id("stat-connections"), "0");
      }
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void aWrongPasswordShowsAnErrorAndNoDashboard() throws Exception {
    try (Browser browser = Browser.start()) {
      browser.open(new URL(base, "admin/"));
      browser.await(By.id("password")).sendKeys("not-the-password");
      browser.driver().findElement(By.id("login-button")).click();
      browser.awaitText(By.id("login-error"), "Wrong name or password.");
      browser.awaitScript("return document.getElementById('dashboard').hidden === true");
    }
  }
}
