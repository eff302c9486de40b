package dev.tabletalk.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them (HotSpot's diagnostic
 * command, which collects first), so that a soak whose heap grows can say which classes grew.
 */
record ClassHistogram(String text, Map<String, Long> bytesByClass) {

    /** A line of the histogram: {@code num: instances bytes class-name (module)}. */
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Takes the histogram of the live objects (after a full collection). */
    static ClassHistogram take() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM does not take class histograms (not HotSpot?)", e);
        }
        return parse(text);
    }

    /** A histogram {@link #writeTo written} before. */
    static ClassHistogram read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static ClassHistogram parse(String text) {
        Map<String, Long> bytes = new HashMap<>();
        text.lines().forEach(line -> {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                bytes.merge(matcher.group(3), Long.parseLong(matcher.group(2)), Long::sum);
            }
        });
        return new ClassHistogram(text, Map.copyOf(bytes));
    }

    /** Writes the histogram as the diagnostic command printed it. */
    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The {@code limit} classes whose live bytes grew most from {@code earlier} to this one, one line each. */
    List<String> grownSince(ClassHistogram earlier, int limit) {
        Map<String, Long> growth = new HashMap<>();
        bytesByClass.forEach((name, now) -> growth.put(name, now - earlier.bytesByClass.getOrDefault(name, 0L)));
        return growth.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(entry -> String.format(
                        Locale.ROOT,
                        "%+9.1f KB  %s (%.1f KB now)",
                        entry.getValue() / 1024.0,
                        entry.getKey(),
                        bytesByClass.get(entry.getKey()) / 1024.0))
                .toList();
    }
}
