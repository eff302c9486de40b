package dev.tabletalk.core.port.in.archfixture;

import dev.tabletalk.core.port.out.Planner;

/** Breaks INBOUND_PORTS_EXPOSE_NO_INTERNALS: an inbound port that hands its caller an outbound port. */
public interface PortLeaksThePlanner {

    Planner planner();
}
