package dev.lsconsole.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@code litestream.yml} with litestream v0.3.13's semantics: the whole file is env-expanded
 * before parsing (unless disabled), db paths are made absolute ({@code ~} expanded), and the
 * top-level {@code access-key-id}/{@code secret-access-key} fill replicas that have none.
 */
public final class ConfigLoader {
    public static final String DEFAULT_CONFIG_PATH = "/etc/litestream.yml";

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader system() {
        return new ConfigLoader(System::getenv);
    }

    /** {@code $LITESTREAM_CONFIG}, else /etc/litestream.yml. */
    public String defaultConfigPath() {
        String v = env.apply("LITESTREAM_CONFIG");
        return v == null || v.isEmpty() ? DEFAULT_CONFIG_PATH : v;
    }

    public LitestreamConfig load(String filename, boolean expandEnv) {
        Path file = Path.of(expandPath(filename));
        String text;
        try {
            text = ConfigText.decode(file, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text, expandEnv);
    }

    public LitestreamConfig parse(Path source, String text, boolean expandEnv) {
        String yamlText = expandEnv ? EnvExpander.expand(text, env) : text;
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            // litestream accepts any number of aliases (one anchor reused by many databases);
            // YamlAliasGuard refuses what it refuses, "billion laughs" included.
            options.setMaxAliasesForCollections(Integer.MAX_VALUE);
            YamlAliasGuard.check(yaml(options).compose(new java.io.StringReader(yamlText)));
            root = yaml(options).load(yamlText);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new ConfigException("invalid YAML in " + source + where + ": " + plain(e.getProblem()));
        } catch (YAMLException | IllegalArgumentException e) {
            throw new ConfigException("invalid YAML in " + source + ": " + e.getMessage());
        }
        Fields top = new Fields(source, "config", root == null ? Map.of() : root);
        String globalKey = top.string("access-key-id");
        String globalSecret = top.string("secret-access-key");
        List<DbConfig> dbs = new ArrayList<>();
        List<Object> dbList = top.list("dbs");
        for (int i = 0; i < dbList.size(); i++) {
            Fields db = new Fields(source, "dbs[" + i + "]", dbList.get(i));
            String path = db.string("path");
            if (path == null || path.isEmpty()) {
                throw new ConfigException(source + ": dbs[" + i + "].path is required");
            }
            List<ReplicaConfig> replicas = new ArrayList<>();
            List<Object> rl = db.list("replicas");
            List<String> where = new ArrayList<>();
            for (int j = 0; j < rl.size(); j++) {
                where.add("dbs[" + i + "].replicas[" + j + "]");
            }
            // litestream v0.5's single `replica:` (v0.3.13 knows only the `replicas:` list)
            Map<String, Object> single = db.map("replica");
            if (!single.isEmpty()) {
                if (!rl.isEmpty()) {
                    throw new ConfigException(source + ": dbs[" + i + "]: cannot specify 'replica' and 'replicas' on a "
                            + "database (litestream v0.5 refuses this too)");
                }
                rl = List.of(single);
                where.add("dbs[" + i + "].replica");
            }
            for (int j = 0; j < rl.size(); j++) {
                ReplicaConfig rc = replica(new Fields(source, where.get(j), rl.get(j)));
                if (isEmpty(rc.accessKeyId()) || isEmpty(rc.secretAccessKey())) {
                    rc = rc.withKeys(isEmpty(rc.accessKeyId()) ? globalKey : rc.accessKeyId(),
                            isEmpty(rc.secretAccessKey()) ? globalSecret : rc.secretAccessKey());
                }
                replicas.add(rc);
            }
            dbs.add(new DbConfig(expandPath(path), db.string("meta-path"), replicas));
        }
        return new LitestreamConfig(source, top.string("addr"), top.string("exec"), dbs);
    }

    private static Yaml yaml(LoaderOptions options) {
        org.yaml.snakeyaml.DumperOptions dump = new org.yaml.snakeyaml.DumperOptions();
        return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(dump), dump,
                options, new RawScalarResolver());
    }

    private static ReplicaConfig replica(Fields f) {
        Map<String, Object> age = f.map("age");
        Fields ageFields = new Fields(f.source, f.where + ".age", age);
        return new ReplicaConfig(
                f.string("type"), f.string("name"), f.string("path"), f.string("url"),
                f.duration("retention"), f.duration("retention-check-interval"), f.duration("sync-interval"),
                f.duration("snapshot-interval"), f.duration("validation-interval"),
                f.string("access-key-id"), f.string("secret-access-key"), f.string("region"), f.string("bucket"),
                f.string("endpoint"), f.bool("force-path-style"), Boolean.TRUE.equals(f.bool("skip-verify")),
                f.string("account-name"), f.string("account-key"), f.string("host"), f.string("user"),
                f.string("password"), f.string("key-path"),
                ageFields.strings("identities"), ageFields.strings("recipients"));
    }

    /** SnakeYAML's words for a line indented unlike its neighbours, with what it means first. */
    private static String plain(String problem) {
        return problem != null && problem.startsWith("expected <block end>") ? "bad indentation (" + problem + ")" : problem;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** litestream's expand(): "~" and "~/x" from the home directory, anything else made absolute and clean. */
    public static String expandPath(String s) {
        String home = System.getProperty("user.home");
        if (s.equals("~")) {
            return home;
        }
        if (s.startsWith("~/")) {
            return Path.of(home, s.substring(2)).toAbsolutePath().normalize().toString();
        }
        return Path.of(s).toAbsolutePath().normalize().toString();
    }

    /**
     * Go's yaml.v2 gives a string field the scalar's own text ("0123" stays "0123"), so only booleans
     * and nulls are resolved implicitly here; numbers and dates stay strings.
     */
    private static final class RawScalarResolver extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.MERGE, MERGE, "<");
        }
    }

    /** Typed access to one YAML mapping, with errors that say where. */
    private static final class Fields {
        final Path source;
        final String where;
        final Map<?, ?> map;

        Fields(Path source, String where, Object node) {
            this.source = source;
            this.where = where;
            if (!(node instanceof Map<?, ?> m)) {
                throw new ConfigException(source + ": " + where + " must be a mapping");
            }
            this.map = m;
        }

        String string(String key) {
            Object v = map.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Map || v instanceof List) {
                throw new ConfigException(source + ": " + where + "." + key + " must be a string");
            }
            return v.toString();
        }

        Boolean bool(String key) {
            Object v = map.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new ConfigException(source + ": " + where + "." + key + " must be true or false, not \"" + v + "\"");
        }

        Duration duration(String key) {
            String v = string(key);
            if (v == null || v.isEmpty()) {
                return null;
            }
            try {
                return GoDuration.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + where + "." + key + ": invalid duration \"" + v + "\"");
            }
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String key) {
            Object v = map.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List)) {
                throw new ConfigException(source + ": " + where + "." + key + " must be a list");
            }
            return (List<Object>) v;
        }

        List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            for (Object o : list(key)) {
                out.add(String.valueOf(o));
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            Object v = map.get(key);
            if (v == null) {
                return Map.of();
            }
            if (!(v instanceof Map)) {
                throw new ConfigException(source + ": " + where + "." + key + " must be a mapping");
            }
            return (Map<String, Object>) v;
        }
    }
}
