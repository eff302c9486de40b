package dev.tabletalk.core.cyclea;

import dev.tabletalk.core.cycleb.CycleB;

/** Breaks R8: a package cycle inside core (with CycleB). */
public class CycleA {
    public CycleB other;
}
