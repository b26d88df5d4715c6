package dev.lsconsole.config;

import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code dbs[].replicas[]} (or a replica URL given on the command line), with the
 * field names of litestream v0.3.13. Secrets are never part of {@link #toString()}.
 */
public record ReplicaConfig(
        String type,
        String name,
        String path,
        String url,
        Duration retention,
        Duration retentionCheckInterval,
        Duration syncInterval,
        Duration snapshotInterval,
        Duration validationInterval,
        String accessKeyId,
        String secretAccessKey,
        String region,
        String bucket,
        String endpoint,
        Boolean forcePathStyle,
        boolean skipVerify,
        String accountName,
        String accountKey,
        String host,
        String user,
        String password,
        String keyPath,
        List<String> ageIdentities,
        List<String> ageRecipients) {

    public ReplicaConfig {
        ageIdentities = ageIdentities == null ? List.of() : List.copyOf(ageIdentities);
        ageRecipients = ageRecipients == null ? List.of() : List.copyOf(ageRecipients);
    }

    /** A replica given only by URL, as {@code litestream restore s3://bucket/path} does. */
    public static ReplicaConfig ofUrl(String url) {
        return new ReplicaConfig(null, null, null, url, null, null, null, null, null, null, null, null, null,
                null, null, false, null, null, null, null, null, null, List.of(), List.of());
    }

    /** litestream's ReplicaType(): the URL scheme, else {@code type}, else "file". */
    public String replicaType() {
        if (url != null && !url.isEmpty()) {
            String scheme = ReplicaUrl.parse(url).scheme();
            if (!scheme.isEmpty()) {
                return scheme;
            }
        }
        return type == null || type.isEmpty() ? "file" : type;
    }

    /** The name litestream shows: {@code name}, or else the replica type. */
    public String displayName() {
        return name == null || name.isEmpty() ? replicaType() : name;
    }

    ReplicaConfig withKeys(String keyId, String secret) {
        return new ReplicaConfig(type, name, path, url, retention, retentionCheckInterval, syncInterval,
                snapshotInterval, validationInterval, keyId, secret, region, bucket, endpoint, forcePathStyle,
                skipVerify, accountName, accountKey, host, user, password, keyPath, ageIdentities, ageRecipients);
    }

    @Override
    public String toString() {
        return "ReplicaConfig[name=" + displayName() + ", type=" + replicaType() + ", url=" + url + ", bucket="
                + bucket + ", path=" + path + ", endpoint=" + endpoint + ", region=" + region
                + ", accessKeyId=" + (accessKeyId == null || accessKeyId.isEmpty() ? "" : "<set>")
                + ", secretAccessKey=" + (secretAccessKey == null || secretAccessKey.isEmpty() ? "" : "<set>") + "]";
    }
}
