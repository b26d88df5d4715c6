package dev.lsconsole.config;

import java.util.regex.Pattern;

/** litestream's ParseReplicaURL and isURL. */
public record ReplicaUrl(String scheme, String host, String path) {
    private static final Pattern URL_PREFIX = Pattern.compile("^\\w+://");

    public static boolean isUrl(String s) {
        return s != null && URL_PREFIX.matcher(s).find();
    }

    /**
     * litestream's ParseReplicaURL on Go's url.Parse: spaces and other characters Go accepts are
     * fine; a file URL's directory is the URL re-escaped ({@code file:///a b} is {@code /a%20b}), where
     * litestream itself writes and reads such a replica.
     */
    public static ReplicaUrl parse(String s) {
        GoUrl u;
        try {
            u = GoUrl.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid replica URL " + s + ": " + e.getMessage());
        }
        if (u.scheme.isEmpty()) {
            throw new ConfigException("replica url scheme required: " + s);
        }
        if (u.scheme.equals("file")) {
            return new ReplicaUrl(u.scheme, "", cleanPath(u.stringWithoutScheme()));
        }
        String cleaned = cleanPath(u.pathText());
        if (cleaned.startsWith("/")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.equals(".")) {
            cleaned = "";
        }
        return new ReplicaUrl(u.scheme, u.hostText(), cleaned);
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
