package org.anonchat.realtime;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Jakarta REST root: admin and info resources live under {@code /api}. */
@ApplicationPath("api")
public class ChatApplication extends Application {}
