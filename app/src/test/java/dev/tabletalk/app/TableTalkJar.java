package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the shaded {@code tabletalk.jar} as a separate process, as a person would. */
final class TableTalkJar {

    /** What a run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private TableTalkJar() {}

    /** A fresh in-memory audit store, so that runs never share the embedded file. */
    static String memoryAuditStore() {
        return "jdbc:h2:mem:audit_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }

    static Result run(String stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    static Result run(String stdin, Map<String, String> environment, String... args) {
        assertThat(JarCommand.JAR).as("the shaded jar (built by mvn package)").exists();
        List<String> command = JarCommand.line(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("TABLETALK_DB_URL");
        builder.environment().putAll(environment);
        try {
            Path workDir = JarCommand.workDir();
            builder.directory(workDir.toFile());
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("tabletalk did not finish within 90 s: " + command + " in " + workDir);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
