package dev.switchboard.bench.report;

import dev.switchboard.bench.CellResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/** The medians of a run, by workload (in run order) and target (direct, inapp, pgbouncer, switchboard). */
final class Table {
    static final List<String> TARGET_ORDER = List.of("direct", "inapp", "pgbouncer", "switchboard");

    private final Map<String, Map<String, Median>> byWorkload = new LinkedHashMap<>();

    Table(List<CellResult> cells) {
        SequencedSet<String> workloads = new LinkedHashSet<>();
        cells.forEach(c -> workloads.add(c.workload()));
        for (String w : workloads) {
            var row = new LinkedHashMap<String, Median>();
            for (String t : TARGET_ORDER) {
                List<CellResult> mine = cells.stream().filter(c -> c.workload().equals(w) && c.target().equals(t))
                        .toList();
                if (!mine.isEmpty()) row.put(t, Median.of(w, t, mine));
            }
            byWorkload.put(w, row);
        }
    }

    List<String> workloads() {
        return List.copyOf(byWorkload.keySet());
    }

    List<String> targets() {
        var seen = new LinkedHashSet<String>();
        for (String t : TARGET_ORDER) {
            if (byWorkload.values().stream().anyMatch(r -> r.containsKey(t))) seen.add(t);
        }
        return List.copyOf(seen);
    }

    Optional<Median> get(String workload, String target) {
        return Optional.ofNullable(byWorkload.getOrDefault(workload, Map.of()).get(target));
    }

    /** Throughput of {@code target} over {@code base}'s for {@code workload}. */
    Optional<Double> ratio(String workload, String target, String base) {
        Optional<Median> b = get(workload, base);
        return get(workload, target).flatMap(t -> b.filter(x -> x.throughput() > 0)
                .map(x -> t.throughput() / x.throughput()));
    }

    List<Median> all() {
        var out = new ArrayList<Median>();
        byWorkload.values().forEach(r -> out.addAll(r.values()));
        return out;
    }
}
