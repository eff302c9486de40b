package dev.tabletalk.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The file's value notations: durations ({@code 5s}), sizes ({@code 1MiB}) and rates ({@code 30/min}). */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})(B|KiB|MiB|GiB|KB|MB|GB)?");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,9})/(s|min|h)");

    private ConfigValues() {}

    /**
     * {@code 250ms}, {@code 5s}, {@code 30m}, {@code 1h}, {@code 2d}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a duration is a whole number and a unit: 250ms, 5s, 30m, 1h or 2d");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    /**
     * Bytes: {@code 65536}, {@code 64KiB}, {@code 1MiB}, {@code 1GiB} (and the decimal {@code KB}, {@code MB},
     * {@code GB}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long size(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a size is a number of bytes, or a number and KiB, MiB or GiB: 1MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor;
        switch (unit) {
            case "KiB":
                factor = 1024L;
                break;
            case "MiB":
                factor = 1024L * 1024;
                break;
            case "GiB":
                factor = 1024L * 1024 * 1024;
                break;
            case "KB":
                factor = 1000L;
                break;
            case "MB":
                factor = 1000L * 1000;
                break;
            case "GB":
                factor = 1000L * 1000 * 1000;
                break;
            default:
                factor = 1;
        }
        return Math.multiplyExact(n, factor);
    }

    /**
     * {@code 30/min}, {@code 5/s}, {@code 1000/h}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static TableTalkConfig.Rate rate(String text) {
        Matcher m = RATE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a rate is requests per period: 30/min, 5/s or 1000/h");
        }
        long n = Long.parseLong(m.group(1));
        if (n < 1) {
            throw new IllegalArgumentException("a rate allows at least 1 request");
        }
        Duration period = m.group(2).equals("s")
                ? Duration.ofSeconds(1)
                : m.group(2).equals("min") ? Duration.ofMinutes(1) : Duration.ofHours(1);
        return new TableTalkConfig.Rate(n, period);
    }
}
