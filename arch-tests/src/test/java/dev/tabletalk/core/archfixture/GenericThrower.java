package dev.tabletalk.core.archfixture;

import java.util.logging.Logger;

/** Breaks R8: throws a generic exception and uses java.util.logging. */
public class GenericThrower {
    private static final Logger JUL = Logger.getLogger("fixture");

    public void fail() {
        JUL.info("failing");
        throw new RuntimeException("generic");
    }
}
