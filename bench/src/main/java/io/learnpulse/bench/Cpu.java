package io.learnpulse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process read from {@code /proc/<pid>/stat} (utime + stime, all threads, user and
 * kernel), in seconds. The bench reads it for itself and for each child process, so that every
 * throughput figure can also be given per CPU-second actually used.
 */
final class Cpu {
    private static final double TICKS_PER_SECOND = clockTicks();

    private Cpu() {}

    static long selfPid() {
        return ProcessHandle.current().pid();
    }

    /** CPU-seconds used so far by process {@code pid}; NaN if it cannot be read (not Linux, process gone). */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double self() {
        return seconds(selfPid());
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100.0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100.0;
        }
    }
}
