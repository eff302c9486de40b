package dev.tabletalk.schemacatalog;

/**
 * Told how a catalog load advances, so a CLI can show progress on big schemas. Called on the
 * loading thread; keep it quick and never throw.
 */
@FunctionalInterface
public interface CatalogProgress {

    /** Ignores progress. */
    CatalogProgress NONE = (stage, done, total) -> {};

    /**
     * One step of the load.
     *
     * @param stage what is being read, e.g. "columns"
     * @param done the steps finished so far
     * @param total the number of steps in this load
     */
    void step(String stage, int done, int total);
}
