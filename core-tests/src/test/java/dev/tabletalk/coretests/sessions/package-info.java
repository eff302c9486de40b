/** Core's session store: idle expiry, preview expiry and the per-user cap, on the testkit's clock. */
package dev.tabletalk.coretests.sessions;
