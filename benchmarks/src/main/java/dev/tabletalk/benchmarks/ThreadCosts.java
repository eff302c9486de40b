package dev.tabletalk.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time and allocated bytes of this JVM's live threads at one moment, leaving out the threads named as the load
 * generator's, and the whole process's CPU time (which includes them, the JIT and GC).
 * Two snapshots give what the server threads spent in between; a thread that ended in between is not counted.
 */
record ThreadCosts(Map<Long, long[]> perThread, long processCpuNanos) {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static ThreadCosts now(Predicate<String> excludedName) {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, long[]> perThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && !excludedName.test(infos[i].getThreadName()) && cpu[i] >= 0) {
                perThread.put(ids[i], new long[] {cpu[i], allocated[i]});
            }
        }
        return new ThreadCosts(perThread, PROCESS.getProcessCpuTime());
    }

    long cpuNanos(ThreadCosts before) {
        return since(before, 0);
    }

    long allocatedBytes(ThreadCosts before) {
        return since(before, 1);
    }

    private long since(ThreadCosts before, int measure) {
        long total = 0;
        for (Map.Entry<Long, long[]> entry : perThread.entrySet()) {
            long[] earlier = before.perThread.get(entry.getKey());
            total += entry.getValue()[measure] - (earlier == null ? 0 : earlier[measure]);
        }
        return total;
    }
}
