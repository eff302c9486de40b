package dev.tabletalk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the whole machine and of its database server processes at one moment, from Linux's {@code /proc}
 * (both zero where there is none): what a request costs beyond this JVM, in the database's processes (PostgreSQL's
 * and MariaDB's on this machine, a Testcontainers database included) and in everything together. Linux counts in
 * ticks of 10 ms ({@code USER_HZ} is 100 on every architecture the JDK runs on), so a window needs some seconds.
 */
record MachineCpu(long busyNanos, long databaseNanos) {

    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC = Path.of("/proc");
    private static final List<String> DATABASES = List.of("(postgres)", "(mariadbd)", "(mysqld)");

    static MachineCpu now() {
        if (!Files.isDirectory(PROC)) {
            return new MachineCpu(0, 0);
        }
        return new MachineCpu(busyTicks() * NANOS_PER_TICK, databaseTicks() * NANOS_PER_TICK);
    }

    MachineCpu since(MachineCpu before) {
        return new MachineCpu(busyNanos - before.busyNanos, databaseNanos - before.databaseNanos);
    }

    /** All CPUs' time in anything but idle and I/O wait (the first line of {@code /proc/stat}). */
    private static long busyTicks() {
        try (Stream<String> lines = Files.lines(PROC.resolve("stat"))) {
            String[] cpu = lines.findFirst().orElse("cpu").trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** User and system time of every live database process (a backend that ended in a window is not counted). */
    private static long databaseTicks() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(PROC)) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                ticks += databaseTicks(process);
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    private static long databaseTicks(Path process) {
        String name = process.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
            return 0;
        }
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || !DATABASES.contains(stat.substring(open, close + 1))) {
                return 0;
            }
            // after the command: state, ppid, ..., field 14 utime and 15 stime (11th and 12th after the state)
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended while it was read
        }
    }
}
