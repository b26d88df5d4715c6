package dev.lsconsole.replica;

import dev.lsconsole.config.ConfigException;
import dev.lsconsole.config.ConfigLoader;
import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.config.ReplicaUrl;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds replica clients from config entries or URLs, with litestream v0.3.13's resolution rules. */
public final class ReplicaFactory {
    private static final Pattern LOCALHOST = Pattern.compile("^(?:(.+)\\.)?localhost$");
    private static final Pattern BACKBLAZE = Pattern.compile("^(?:(.+)\\.)?s3.([^.]+)\\.backblazeb2.com$");
    private static final Pattern FILEBASE = Pattern.compile("^(?:(.+)\\.)?s3.filebase.com$");
    private static final Pattern DIGITALOCEAN = Pattern.compile("^(?:(.+)\\.)?([^.]+)\\.digitaloceanspaces.com$");
    private static final Pattern SCALEWAY = Pattern.compile("^(?:(.+)\\.)?s3.([^.]+)\\.scw\\.cloud$");
    private static final Pattern LINODE = Pattern.compile("^(?:(.+)\\.)?([^.]+)\\.linodeobjects.com$");

    private final Function<String, String> env;
    private final int maxConnections;

    public ReplicaFactory(Function<String, String> env, int maxConnections) {
        this.env = env;
        this.maxConnections = maxConnections;
    }

    public Replica open(ReplicaConfig c) {
        if (c.path() != null && ReplicaUrl.isUrl(c.path())) {
            throw new ConfigException("replica path cannot be a url, please use the 'url' field instead: " + c.path());
        }
        if (!c.ageIdentities().isEmpty() || !c.ageRecipients().isEmpty()) {
            throw new ConfigException("replica " + c.displayName()
                    + ": age-encrypted replicas are not supported yet by Litestream Console");
        }
        String type = checkType(c);
        ReplicaClient client = switch (type) {
            case "file" -> new FileReplicaClient(Path.of(filePath(c)));
            case "s3" -> new S3ReplicaClient(s3Settings(c), env, maxConnections);
            case "gcs", "abs", "sftp" -> throw new ConfigException("replica " + c.displayName() + ": type \"" + type
                    + "\" is not supported yet by Litestream Console (file and s3 are)");
            default -> throw new IllegalStateException("checked above: " + type);
        };
        return new Replica(c.displayName(), client, ObjectCodec.plain());
    }

    /** The replica's type when litestream knows it (file, s3, gcs, abs, sftp); else its one-line error. */
    public static String checkType(ReplicaConfig c) {
        String type = c.replicaType();
        return switch (type) {
            case "file", "s3", "gcs", "abs", "sftp" -> type;
            default -> throw new ConfigException("unknown replica type in config: \"" + type
                    + "\" (litestream's types: file, s3, gcs, abs, sftp)");
        };
    }

    static String filePath(ReplicaConfig c) {
        boolean hasUrl = c.url() != null && !c.url().isEmpty();
        if (hasUrl && c.path() != null && !c.path().isEmpty()) {
            throw new ConfigException("cannot specify url & path for file replica");
        }
        String path = hasUrl ? ReplicaUrl.parse(c.url()).path() : c.path();
        if (path == null || path.isEmpty()) {
            throw new ConfigException("file replica path required");
        }
        return ConfigLoader.expandPath(path);
    }

    /** litestream's newS3ReplicaClientFromConfig, including s3.ParseHost for URLs. */
    public static S3Settings s3Settings(ReplicaConfig c) {
        boolean hasUrl = c.url() != null && !c.url().isEmpty();
        if (hasUrl && c.path() != null && !c.path().isEmpty()) {
            throw new ConfigException("cannot specify url & path for s3 replica");
        }
        if (hasUrl && c.bucket() != null && !c.bucket().isEmpty()) {
            throw new ConfigException("cannot specify url & bucket for s3 replica");
        }
        String bucket = nz(c.bucket());
        String path = nz(c.path());
        String region = nz(c.region());
        String endpoint = nz(c.endpoint());
        boolean forcePathStyle = !endpoint.isEmpty();
        if (c.forcePathStyle() != null) {
            forcePathStyle = c.forcePathStyle();
        }
        if (hasUrl) {
            ReplicaUrl u = ReplicaUrl.parse(c.url());
            String[] host = parseHost(u.host());
            if (path.isEmpty()) {
                path = u.path();
            }
            if (bucket.isEmpty()) {
                bucket = host[0];
            }
            if (region.isEmpty()) {
                region = host[1];
            }
            if (endpoint.isEmpty()) {
                endpoint = host[2];
            }
            if (!forcePathStyle) {
                forcePathStyle = Boolean.parseBoolean(host[3]);
            }
        }
        if (bucket.isEmpty()) {
            throw new ConfigException("bucket required for s3 replica");
        }
        return new S3Settings(bucket, path, region, endpoint, forcePathStyle, c.skipVerify(), c.accessKeyId(),
                c.secretAccessKey());
    }

    /** litestream's s3.ParseHost: {bucket, region, endpoint, forcePathStyle}. */
    static String[] parseHost(String s) {
        String host = s;
        String port = "";
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(']') < colon && s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        String bucket;
        String region = "";
        String endpoint = "";
        String scheme = "https";
        boolean pathStyle = true;
        Matcher m;
        if ((m = LOCALHOST.matcher(host)).matches()) {
            bucket = nz(m.group(1));
            region = "us-east-1";
            scheme = "http";
            endpoint = "localhost";
        } else if ((m = BACKBLAZE.matcher(host)).matches()) {
            bucket = nz(m.group(1));
            region = m.group(2);
            endpoint = "s3." + region + ".backblazeb2.com";
        } else if ((m = FILEBASE.matcher(host)).matches()) {
            bucket = nz(m.group(1));
            endpoint = "s3.filebase.com";
        } else if ((m = DIGITALOCEAN.matcher(host)).matches()) {
            bucket = nz(m.group(1));
            region = m.group(2);
            endpoint = region + ".digitaloceanspaces.com";
        } else if ((m = SCALEWAY.matcher(host)).matches()) {
            bucket = nz(m.group(1));
            region = m.group(2);
            endpoint = "s3." + region + ".scw.cloud";
        } else if ((m = LINODE.matcher(host)).matches()) {
            bucket = nz(m.group(1));
            region = m.group(2);
            endpoint = region + ".linodeobjects.com";
        } else {
            bucket = host;
            pathStyle = false;
        }
        if (!endpoint.isEmpty() && !port.isEmpty()) {
            endpoint = endpoint + ":" + port;
        }
        if (!endpoint.isEmpty()) {
            endpoint = scheme + "://" + endpoint;
        }
        return new String[] {bucket, region, endpoint, Boolean.toString(pathStyle)};
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
