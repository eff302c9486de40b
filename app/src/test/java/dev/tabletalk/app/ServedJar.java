package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tabletalk serve} (or another command that serves, such as {@code demo --web}) as a process of the shaded
 * jar: started with the given arguments and environment (none of the runner's {@code TABLETALK_*} variables), its
 * address read from the banner, stopped with SIGTERM after the test, which must stop it within 20 seconds.
 */
final class ServedJar implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("serves (http://127\\.0\\.0\\.1:\\d+)");

    /** What runs against the served address. */
    @FunctionalInterface
    interface Test {
        void accept(URI base) throws Exception;
    }

    private final Process process;
    private final URI base;

    private ServedJar(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Runs {@code test} against {@code tabletalk serve ARGS} with these environment variables. */
    static void serve(List<String> args, Map<String, String> environment, Test test) throws Exception {
        List<String> command = new ArrayList<>(List.of("serve"));
        command.addAll(args);
        try (ServedJar served = start(command, environment)) {
            test.accept(served.base());
        }
    }

    /**
     * Starts {@code tabletalk COMMAND...} with these environment variables and waits for its banner; close it to stop
     * it.
     */
    static ServedJar start(List<String> command, Map<String, String> environment) throws Exception {
        List<String> line = JarCommand.line(command);
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(JarCommand.workDir().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // an operator token or database the test runner happens to have must not reach the server
        builder.environment().keySet().removeIf(name -> name.startsWith("TABLETALK_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertThat(banner).isNotNull();
            Matcher matcher = ADDRESS.matcher(banner);
            assertThat(matcher.find()).as(banner).isTrue();
            return new ServedJar(process, URI.create(matcher.group(1)));
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Where it serves, e.g. {@code http://127.0.0.1:41234}. */
    URI base() {
        return base;
    }

    /** Ends the process at once with SIGKILL, as a crash or an out-of-memory killer would: no shutdown runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while the server stops", e);
        }
    }
}
