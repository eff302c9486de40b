package dev.tabletalk.audit.archfixture;

import dev.tabletalk.testkit.fakes.FixedClock;

/** Breaks R8: production code depending on the testkit. */
public class AuditUsesTestkit {
    public FixedClock clock;
}
