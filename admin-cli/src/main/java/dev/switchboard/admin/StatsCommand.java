package dev.switchboard.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stats", description = "Show proxy-wide counters: connections, sessions, pools, backend budget.")
final class StatsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("stat", "value");

    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, COLUMNS, client -> {
            Map<String, Object> stats = client.stats();                               // GET /api/v1/stats
            return new Reply(vertical(stats), List.of(stats), List.of());
        });
    }

    /** One row per statistic (nested ones by path, {@code poolEvictions.idle}): a dozen columns would not fit. */
    static List<Map<String, Object>> vertical(Map<String, Object> stats) {
        var rows = new ArrayList<Map<String, Object>>();
        for (String key : Output.keys(List.of(stats))) {
            var row = new LinkedHashMap<String, Object>();
            row.put("stat", key);
            row.put("value", Output.lookup(stats, key));
            rows.add(row);
        }
        return rows;
    }
}
