package dev.tabletalk.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of a soak's heap checks: the heap used after a full collection at a moment of the run, and the file the live
 * objects by class were written to (in {@value #HISTOGRAMS}, so that a heap that grew can be traced to what grew).
 * The histogram is not kept in memory: the next checks would measure it.
 */
record HeapCheck(Duration at, long usedBytes, int threads, Path histogram) {

    /** Where each check's class histogram is written (relative to the working directory). */
    static final String HISTOGRAMS = "target/soak";

    private static final Logger LOG = LoggerFactory.getLogger(HeapCheck.class);

    /** Collects, reads the heap used, then writes the class histogram. */
    static HeapCheck measure(Duration at) throws IOException {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        // taken after the figure, as it allocates its own text
        Path file = Path.of(HISTOGRAMS, "class-histogram-minute-" + at.toMinutes() + ".txt");
        ClassHistogram.take().writeTo(file);
        HeapCheck heap =
                new HeapCheck(at, used, ManagementFactory.getThreadMXBean().getThreadCount(), file);
        LOG.info(String.format(
                Locale.ROOT,
                "heap after full GC at minute %d: %.1f MB, %d live threads (classes: %s)",
                at.toMinutes(),
                heap.megabytes(),
                heap.threads(),
                file.toAbsolutePath()));
        return heap;
    }

    double megabytes() {
        return usedBytes / (1024.0 * 1024.0);
    }
}
