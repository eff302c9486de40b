package dev.tabletalk.core.cycleb;

import dev.tabletalk.core.cyclea.CycleA;

/** Breaks R8: a package cycle inside core (with CycleA). */
public class CycleB {
    public CycleA other;
}
