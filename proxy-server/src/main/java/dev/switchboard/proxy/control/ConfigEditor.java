package dev.switchboard.proxy.control;

import dev.switchboard.proxy.config.ConfigException;
import dev.switchboard.proxy.config.ConfigLoader;
import dev.switchboard.proxy.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds, replaces and removes users and databases durably: in the config file, then applied like a reload. Each edit
 * reads the file as a YAML tree, changes one entry, dumps the tree, checks the new text with {@link ConfigLoader}
 * <em>before</em> writing, and replaces the file atomically ({@link AtomicFile}); a refused edit leaves the file and
 * the running config as they were. Comments in the file are not kept (the YAML tree has none).
 *
 * <p>Seam for the catalog (issue #4): when {@code catalog} is configured, users and databases are written to the
 * catalog instead; that store will sit beside this one, chosen by the composition root.
 *
 * <p>Thread-safe: edits hold the {@link Reloader}'s lock, so an edit and a reload never interleave. Blocks on I/O.
 */
public final class ConfigEditor {
    private static final Logger log = LoggerFactory.getLogger(ConfigEditor.class);

    /** What an edit did. {@code created}: the entry did not exist before. */
    public record Edit(boolean created, Reloader.Outcome outcome) {
    }

    private final Reloader reloader;

    public ConfigEditor(Reloader reloader) {
        this.reloader = Objects.requireNonNull(reloader, "reloader");
    }

    /**
     * Adds or replaces {@code users.<name>}.
     *
     * @param entry the entry's keys as the config file has them ({@code password}, {@code databases}, …): plain
     *              YAML values (strings, numbers, booleans, lists, maps)
     * @throws ConfigException       the new config would be refused; nothing was written
     * @throws UncheckedIOException  the file could not be written; nothing changed
     * @throws IllegalStateException the proxy has no config file
     */
    public Edit putUser(String name, Map<String, Object> entry) {
        return put("users", name, entry);
    }

    /** Removes {@code users.<name>}; empty when there is no such user. Throws as {@link #putUser}. */
    public Optional<Edit> removeUser(String name) {
        return remove("users", name);
    }

    /** Adds or replaces {@code databases.<name>}; throws as {@link #putUser}. */
    public Edit putDatabase(String name, Map<String, Object> entry) {
        return put("databases", name, entry);
    }

    /**
     * Removes {@code databases.<name>}; empty when there is no such database. Refused (ConfigException) while a user
     * still lists it.
     */
    public Optional<Edit> removeDatabase(String name) {
        return remove("databases", name);
    }

    /**
     * Points {@code databases.<name>} at {@code jdbcUrl}, keeping its other keys (username, password reference, pool
     * settings) as the file has them. A database made from a template gets a concrete entry of its own, copied from
     * its template's entry ({@code {name}} filled in), which takes precedence over the template from now on.
     *
     * @param template the template's name when {@code name} is an instance of it, else empty
     */
    public Edit moveDatabase(String name, Optional<String> template, String matchedPart, String jdbcUrl) {
        return reloader.locked(() -> {
            Map<String, Object> root = readTree();
            Map<String, Object> entries = section(root, "databases");
            Object source = entries.get(template.orElse(name));
            if (!(source instanceof Map<?, ?> raw)) throw new IllegalStateException("no database " + name);
            var entry = new LinkedHashMap<String, Object>();
            raw.forEach((k, v) -> entry.put(String.valueOf(k),
                    v instanceof String text && template.isPresent() ? text.replace("{name}", matchedPart) : v));
            entry.put("jdbcUrl", jdbcUrl);
            entry.remove("keepWarm");                       // a template may not be keepWarm; its copy stays as it was
            boolean created = !entries.containsKey(name);
            entries.put(name, entry);
            return new Edit(created, write(root, "moved databases." + name));
        });
    }

    private Edit put(String section, String name, Map<String, Object> entry) {
        Objects.requireNonNull(entry, "entry");
        return reloader.locked(() -> {
            if (toCatalog(section, name)) return CatalogWriter.put(reloader, section, name, entry);
            Map<String, Object> root = readTree();
            Map<String, Object> entries = section(root, section);
            boolean created = !entries.containsKey(name);
            entries.put(name, new LinkedHashMap<>(entry));
            return new Edit(created, write(root, (created ? "added " : "replaced ") + section + "." + name));
        });
    }

    private Optional<Edit> remove(String section, String name) {
        return reloader.locked(() -> {
            if (toCatalog(section, name)) return CatalogWriter.remove(reloader, section, name);
            Map<String, Object> root = readTree();
            Map<String, Object> entries = section(root, section);
            if (!entries.containsKey(name)) return Optional.empty();
            entries.remove(name);
            return Optional.of(new Edit(false, write(root, "removed " + section + "." + name)));
        });
    }

    /**
     * With a catalog configured, users and databases are written there (DESIGN.md: the replicas' shared source of
     * truth), except names the config file itself defines: the file wins over the catalog, so those stay in the file.
     */
    private boolean toCatalog(String section, String name) {
        if (reloader.catalog().isEmpty()) return false;
        ServerConfig file = reloader.fileConfigLocked();
        return section.equals("users") ? !file.users().containsKey(name) : !file.databases().containsKey(name);
    }

    private Map<String, Object> readTree() {
        Path file = reloader.file();
        Object tree;
        try {
            tree = new Load(LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false).build())
                    .loadFromString(ConfigLoader.read(file));
        } catch (YamlEngineException e) {
            // The loader words YAML errors without quoting the file: let it.
            ConfigLoader.load(file, reloader.env());
            throw new ConfigException(file + ": not valid YAML");
        }
        if (!(tree instanceof Map<?, ?> map)) throw new ConfigException(file + ": config must be a mapping of sections");
        return copy(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> root, String name) {
        Object value = root.get(name);
        if (value == null) {
            var fresh = new LinkedHashMap<String, Object>();
            root.put(name, fresh);
            return fresh;
        }
        if (!(value instanceof Map<?, ?>)) throw new ConfigException(name + " must be a mapping");
        return (Map<String, Object>) value;
    }

    /** Checks, writes and applies the edited tree. Caller holds the lock. */
    private Reloader.Outcome write(Map<String, Object> root, String what) {
        Path file = reloader.file();
        String text = dump(root);
        ServerConfig next = ConfigLoader.parseAs(text, reloader.env(), file);   // throws: nothing written
        try {
            AtomicFile.replace(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        log.info("config file {}: {}", file, what);
        return reloader.applyLocked(next);
    }

    static String dump(Map<String, Object> root) {
        var settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setSchema(new CoreSchema())              // quotes strings the loader would read as another type
                .setSplitLines(false)                     // keep verifiers and URLs on one line
                .setIndent(2)
                .build();
        return new Dump(settings).dumpToString(root);
    }

    /** A mutable deep copy with string keys (the loader refuses other keys anyway). */
    private static Map<String, Object> copy(Map<?, ?> map) {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? copy(m) : v));
        return out;
    }
}
