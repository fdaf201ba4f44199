/** Shared periodic housekeeping for the components that expire state (see {@code Sweeps}). */
package org.anonchat.realtime.scheduling;
