package dev.lsconsole.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** litestream's ParseReplicaURL and isURL. */
public record ReplicaUrl(String scheme, String host, String path) {
    private static final Pattern URL_PREFIX = Pattern.compile("^\\w+://");

    public static boolean isUrl(String s) {
        return s != null && URL_PREFIX.matcher(s).find();
    }

    public static ReplicaUrl parse(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new ConfigException("invalid replica URL " + s + ": " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme();
        if (scheme.isEmpty()) {
            throw new ConfigException("replica url scheme required: " + s);
        }
        String rawPath = u.getPath() == null ? "" : u.getPath();
        if (scheme.equals("file")) {
            // Go clears the scheme and cleans the rest: file:///a/b -> /a/b, file://host/a -> //host/a -> /host/a
            String rest = (u.getRawAuthority() == null ? "" : "//" + u.getAuthority()) + rawPath;
            return new ReplicaUrl(scheme, "", cleanPath(rest));
        }
        String host = u.getRawAuthority() == null ? "" : u.getAuthority();
        String cleaned = cleanPath(rawPath);
        if (cleaned.startsWith("/")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.equals(".")) {
            cleaned = "";
        }
        return new ReplicaUrl(scheme, host, cleaned);
    }

    /** Go's path.Clean. */
    static String cleanPath(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
