package dev.switchboard.bench.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code /proc} says about a process: resident set size now (VmRSS) and at its peak (VmHWM, the high-water
 * mark since the process started), and CPU time used (utime + stime, via {@link ProcessHandle.Info}).
 */
public record ProcStats(long rssKb, long peakRssKb, Duration cpu) {
    /** Empty when the process is gone or {@code /proc} cannot be read. */
    public static Optional<ProcStats> of(long pid) {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) rss = kb(line);
                else if (line.startsWith("VmHWM:")) hwm = kb(line);
            }
            Duration cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
            return rss < 0 ? Optional.empty() : Optional.of(new ProcStats(rss, hwm, cpu));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kb(String line) {                     // "VmHWM:\t  123456 kB"
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }
}
