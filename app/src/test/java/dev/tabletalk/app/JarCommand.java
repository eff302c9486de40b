package dev.tabletalk.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line that starts the shaded {@code tabletalk.jar} in a test's process, and where that process works.
 *
 * <p>The tests start the jar some hundred times, so each start is made cheap without changing what runs: the
 * classes the jar loads come from a class-data sharing archive made from the jar itself on first use
 * ({@code target/tabletalk.jsa}, remade when the jar is newer), and only the quick JIT compiler runs (a test's process
 * lives seconds, too short for the optimising one to pay off on two cores). The JVM's own log is off, so a stale
 * archive, which the JVM then simply ignores, prints nothing a test could mistake for the jar's output.
 */
final class JarCommand {

    static final Path JAR = Path.of("target", "tabletalk.jar").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", "tabletalk.jsa").toAbsolutePath();
    private static final List<String> QUICK_START =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:disable");

    /** Whether the archive is there: found or made once per test JVM. */
    private static Boolean archived;

    private JarCommand() {}

    /** {@code java [quick start] -jar tabletalk.jar ARGS}. */
    static List<String> line(List<String> args) {
        List<String> line = new ArrayList<>();
        line.add(java());
        line.addAll(QUICK_START);
        if (archive()) {
            line.add("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        line.add("-jar");
        line.add(JAR.toString());
        line.addAll(args);
        return line;
    }

    /**
     * The directory a test's process works in: anything a run leaves behind (e.g. {@code ./.tabletalk/}) stays under
     * {@code target/}, one directory per test JVM so that test classes run at once never share files.
     */
    static Path workDir() {
        try {
            return Files.createDirectories(Path.of(
                            "target",
                            "it-work",
                            "jvm-" + ProcessHandle.current().pid())
                    .toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Whether the archive of the jar's classes is there, made now if it is missing or older than the jar: from a
     * demo turn, which loads most of what every command loads. Test JVMs that run at once make it once (a file
     * lock); it is written aside and moved into place whole.
     */
    private static synchronized boolean archive() {
        if (archived == null) {
            archived = makeArchive();
        }
        return archived;
    }

    private static boolean makeArchive() {
        // test JVMs that run at once make it once: the others wait for the lock, then find it made
        try (FileChannel lock = FileChannel.open(
                ARCHIVE.resolveSibling("tabletalk.jsa.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock.lock(); // released when the channel closes
            if (Files.exists(ARCHIVE)
                    && !Files.getLastModifiedTime(ARCHIVE)
                            .toInstant()
                            .isBefore(Files.getLastModifiedTime(JAR).toInstant())) {
                return true;
            }
            Path made = ARCHIVE.resolveSibling(
                    "tabletalk.jsa." + ProcessHandle.current().pid());
            Process process = new ProcessBuilder(
                            java(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-Xlog:disable",
                            "-XX:ArchiveClassesAtExit=" + made,
                            "-jar",
                            JAR.toString(),
                            "demo",
                            "--audit-db",
                            TableTalkJar.memoryAuditStore())
                    .directory(workDir().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write("show customers\nhow many orders are there\n".getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (!Files.exists(made)) {
                return false; // the tests still run, only without the archive
            }
            Files.move(made, ARCHIVE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the class archive was made", e);
        }
    }
}
