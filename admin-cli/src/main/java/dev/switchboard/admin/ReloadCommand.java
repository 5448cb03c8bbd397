package dev.switchboard.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "reload", description = {"Re-read the config file (and catalog) and apply it atomically; prints what "
        + "changed.", "A bad file is refused with the key and the problem, and the running config is kept."})
final class ReloadCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("change", "name");

    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;
    @Option(names = "--dry-run", description = "Only show what would change; apply nothing.") boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        return root.run(spec, COLUMNS, client -> {
            Map<String, Object> answer = client.reload(dryRun);                   // POST /api/v1/reload?dryRun=…
            List<Map<String, Object>> diff = diff(answer);
            String note = diff.isEmpty() ? "no changes"
                    : Boolean.TRUE.equals(answer.get("applied")) ? "applied"
                    : dryRun ? "dry run: nothing applied" : "not applied";
            return new Reply(diff, List.of(answer), List.of(note));
        });
    }

    /** One row per changed name: {@code "changes":{"databasesAdded":["x"]}} becomes {@code database added  x}. */
    static List<Map<String, Object>> diff(Map<String, Object> answer) {
        var rows = new ArrayList<Map<String, Object>>();
        if (!(answer.get("changes") instanceof Map<?, ?> changes)) return rows;
        for (var change : changes.entrySet()) {
            if (!(change.getValue() instanceof List<?> names)) continue;
            String what = describe(String.valueOf(change.getKey()));
            for (Object name : names) {
                var row = new LinkedHashMap<String, Object>();
                row.put("change", what);
                row.put("name", name);
                rows.add(row);
            }
        }
        return rows;
    }

    /** {@code databasesAdded} → {@code database added}; {@code poolsReplaced} → {@code pool replaced}. */
    static String describe(String key) {
        int verb = 0;
        while (verb < key.length() && !Character.isUpperCase(key.charAt(verb))) verb++;
        if (verb == 0 || verb == key.length()) return key;
        String noun = key.substring(0, verb);
        if (noun.endsWith("s")) noun = noun.substring(0, noun.length() - 1);
        return noun + " " + key.substring(verb).toLowerCase(Locale.ROOT);
    }
}
