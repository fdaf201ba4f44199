package org.anonchat.realtime.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archive every IT deploys: the WAR the build produced, so tests hit the artifact that ships. */
public final class Deployments {

  private Deployments() {}

  public static WebArchive builtWar() {
    File war = new File("target/chat.war");
    if (!war.isFile()) throw new IllegalStateException("run the package phase first: " + war.getAbsolutePath());
    return ShrinkWrap.createFromZipFile(WebArchive.class, war).addPackage(Deployments.class.getPackage());
  }
}
