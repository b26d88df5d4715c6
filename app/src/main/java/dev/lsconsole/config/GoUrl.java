package dev.lsconsole.config;

import java.nio.charset.StandardCharsets;

/**
 * The parts of Go's net/url (Go 1.21, which litestream v0.3.13 is built with) that decide how
 * litestream reads a replica URL. java.net.URI refuses what Go accepts (a space in a path), and Go
 * has quirks litestream inherits: a {@code file://} URL's directory is the URL re-escaped, so
 * {@code file:///my dir/r} names the directory {@code /my%20dir/r}. Go strings are bytes: inside,
 * every String here holds one UTF-8 byte per char (ISO-8859-1), so "%E9" stays one byte, as in Go.
 */
final class GoUrl {
    private enum Mode { PATH, HOST, USER, FRAGMENT }

    final String scheme;
    final String userinfo;
    final String host;
    final String path;
    final String rawPath;
    final String rawQuery;
    final boolean forceQuery;
    final String fragment;
    final String rawFragment;
    final String opaque;

    private GoUrl(String scheme, String userinfo, String host, String path, String rawPath, String rawQuery,
                  boolean forceQuery, String fragment, String rawFragment, String opaque) {
        this.scheme = scheme;
        this.userinfo = userinfo;
        this.host = host;
        this.path = path;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.forceQuery = forceQuery;
        this.fragment = fragment;
        this.rawFragment = rawFragment;
        this.opaque = opaque;
    }

    /** Go's url.Parse; throws IllegalArgumentException with Go's reason. */
    static GoUrl parse(String text) {
        String raw = bytes(text);
        int hash = raw.indexOf('#');
        String frag = hash < 0 ? "" : raw.substring(hash + 1);
        String u = hash < 0 ? raw : raw.substring(0, hash);
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("net/url: invalid control character in URL");
            }
        }
        String scheme = "";
        String rest = u;
        int colon = schemeEnd(u);
        if (colon > 0) {
            scheme = u.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            rest = u.substring(colon + 1);
        } else if (colon == 0) {
            throw new IllegalArgumentException("missing protocol scheme");
        }
        String rawQuery = "";
        boolean forceQuery = false;
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            forceQuery = true;
            rest = rest.substring(0, rest.length() - 1);
        } else if (rest.indexOf('?') >= 0) {
            rawQuery = rest.substring(rest.indexOf('?') + 1);
            rest = rest.substring(0, rest.indexOf('?'));
        }
        String fragment = unescape(frag, Mode.FRAGMENT);
        String rawFragment = escape(fragment, Mode.FRAGMENT).equals(frag) ? "" : frag;
        if (!rest.startsWith("/") && !scheme.isEmpty()) {
            return new GoUrl(scheme, null, "", "", "", rawQuery, forceQuery, fragment, rawFragment, rest);
        }
        String userinfo = null;
        String host = "";
        if (rest.startsWith("//") && (!scheme.isEmpty() || !rest.startsWith("///"))) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash < 0 ? "" : authority.substring(slash);
            authority = slash < 0 ? authority : authority.substring(0, slash);
            int at = authority.lastIndexOf('@');
            host = parseHost(at < 0 ? authority : authority.substring(at + 1));
            if (at >= 0) {
                userinfo = authority.substring(0, at);
                if (!userinfo.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                        || c >= '0' && c <= '9' || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0)) {
                    throw new IllegalArgumentException("net/url: invalid userinfo");
                }
                unescape(userinfo, Mode.USER);
            }
        }
        String path = unescape(rest, Mode.PATH);
        String rawPath = escape(path, Mode.PATH).equals(rest) ? "" : rest;
        return new GoUrl(scheme, userinfo, host, path, rawPath, rawQuery, forceQuery, fragment, rawFragment, "");
    }

    /** The decoded host, as text. */
    String hostText() {
        return text(host);
    }

    /** The decoded path, as text. */
    String pathText() {
        return text(path);
    }

    /** Go's URL.String() of this URL with its scheme cleared (what litestream does for file URLs), as text. */
    String stringWithoutScheme() {
        return text(stringWithoutSchemeBytes());
    }

    private String stringWithoutSchemeBytes() {
        StringBuilder b = new StringBuilder();
        if (!opaque.isEmpty()) {
            b.append(opaque);
        } else {
            if (!host.isEmpty() || userinfo != null) {
                b.append("//");
                if (userinfo != null) {
                    int c = userinfo.indexOf(':');
                    b.append(escape(unescape(c < 0 ? userinfo : userinfo.substring(0, c), Mode.USER), Mode.USER));
                    if (c >= 0) {
                        b.append(':').append(escape(unescape(userinfo.substring(c + 1), Mode.USER), Mode.USER));
                    }
                    b.append('@');
                }
                b.append(escape(host, Mode.HOST));
            }
            String p = escapedPath();
            if (!p.isEmpty() && p.charAt(0) != '/' && !host.isEmpty()) {
                b.append('/');
            }
            if (b.length() == 0) {
                int slash = p.indexOf('/');
                if ((slash < 0 ? p : p.substring(0, slash)).contains(":")) {
                    b.append("./");
                }
            }
            b.append(p);
        }
        if (forceQuery || !rawQuery.isEmpty()) {
            b.append('?').append(rawQuery);
        }
        if (!fragment.isEmpty()) {
            b.append('#').append(!rawFragment.isEmpty() && validEncoded(rawFragment, Mode.FRAGMENT)
                    && unescape(rawFragment, Mode.FRAGMENT).equals(fragment) ? rawFragment : escape(fragment, Mode.FRAGMENT));
        }
        return b.toString();
    }

    private String escapedPath() {
        if (!rawPath.isEmpty() && validEncoded(rawPath, Mode.PATH) && unescape(rawPath, Mode.PATH).equals(path)) {
            return rawPath;
        }
        return path.equals("*") ? "*" : escape(path, Mode.PATH);
    }

    /** Index of the scheme's colon, -1 when there is no scheme, 0 for a missing one (Go's getScheme). */
    private static int schemeEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return -1;
                }
                continue;
            }
            return c == ':' ? i : -1;
        }
        return -1;
    }

    private static String parseHost(String host) {
        String port;
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in host");
            }
            port = host.substring(close + 1);
        } else {
            int c = host.lastIndexOf(':');
            port = c < 0 ? "" : host.substring(c);
        }
        if (!port.isEmpty() && (port.charAt(0) != ':' || !port.substring(1).chars().allMatch(Character::isDigit)
                || !port.substring(1).chars().allMatch(ch -> ch < 128))) {
            throw new IllegalArgumentException("invalid port \"" + port + "\" after host");
        }
        return unescape(host, Mode.HOST);
    }

    private static String unescape(String s, Mode mode) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    throw new IllegalArgumentException("invalid URL escape \"" + text(s.substring(i,
                            Math.min(i + 3, s.length()))) + "\"");
                }
                int v = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (mode == Mode.HOST && hex(s.charAt(i + 1)) < 8 && v != 0x25) {
                    throw new IllegalArgumentException("invalid URL escape \"" + s.substring(i, i + 3) + "\"");
                }
                out.append((char) v);
                i += 2;
            } else {
                if (mode == Mode.HOST && c < 0x80 && shouldEscape(c, mode)) {
                    throw new IllegalArgumentException("invalid character \"" + c + "\" in host name");
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escape(String s, Mode mode) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (shouldEscape(c, mode)) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String text(String bytes) {
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static boolean validEncoded(String s, Mode mode) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("!$&'()*+,;=:@[]%".indexOf(c) < 0 && shouldEscape(c, mode)) {
                return false;
            }
        }
        return true;
    }

    private static boolean shouldEscape(int c, Mode mode) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return false;
        }
        if (mode == Mode.HOST && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
            return false;
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=?@".indexOf(c) >= 0) {
            return switch (mode) {
                case PATH -> c == '?';
                case USER -> c == '@' || c == '/' || c == '?' || c == ':';
                case FRAGMENT -> false;
                case HOST -> true;
            };
        }
        return !(mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0);
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
