package dev.tabletalk.core.archfixture;

/** Breaks R8: throws a generic exception and uses java.util.logging. */
public class GenericThrower {
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("fixture");

    public void fail() {
        JUL.info("failing");
        throw new RuntimeException("generic");
    }
}
