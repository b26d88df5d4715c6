package dev.lsconsole.replica;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A replica in an S3-compatible bucket. Listings are paged (1000 keys per request) and fetched lazily;
 * objects are streamed, never buffered whole.
 */
public final class S3ReplicaClient implements ReplicaClient {
    private final S3Settings settings;
    private final S3ClientBuilder builder;
    /** Built on first use: with a custom endpoint (R2, B2, MinIO …) a restore never needs it. */
    private S3Client s3;
    /** Signed GETs and listings without the SDK pipeline; null when the SDK must find the region. */
    private final S3ObjectGets gets;

    public S3ReplicaClient(S3Settings settings, Function<String, String> env, int maxConnections) {
        this.settings = settings;
        AwsCredentialsProvider creds = credentials(settings, env);
        S3ClientBuilder b = S3Client.builder()
                .credentialsProvider(creds)
                .forcePathStyle(settings.forcePathStyle())
                // SDK 2.30+ asks for flexible checksums by default; R2, B2, MinIO versions and S3Proxy
                // reject or mishandle that, and litestream's objects carry their own LZ4 checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String region = settings.region();
        boolean custom = settings.endpoint() != null && !settings.endpoint().isEmpty();
        if (custom) {
            b.endpointOverride(URI.create(withScheme(settings.endpoint())));
        }
        boolean regionKnown = true;
        if (region == null || region.isEmpty()) {
            region = "us-east-1";
            if (!custom) {
                b.crossRegionAccessEnabled(true); // the AWS bucket's own region is found on first use
                regionKnown = false;
            }
        }
        b.region(Region.of(region));
        // The JDK's HTTP client: a few hundred classes lighter to start than Apache's, which matters for
        // a CLI. Its keep-alive pool per host is sized by http.maxConnections (JDK default 5).
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(8, maxConnections)));
        }
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(15)); // a read stalled this long is a dropped connection: retried
        if (settings.skipVerify()) {
            b.httpClient(http.buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build()));
        } else {
            b.httpClientBuilder(http);
        }
        this.builder = b;
        boolean plainPathStyle = custom && settings.forcePathStyle(); // litestream's default with an endpoint
        this.gets = regionKnown ? new S3ObjectGets(this, plainPathStyle ? customBucketUrl(settings) : sdkBucketUrl(),
                region, creds, settings.skipVerify()) : null;
    }

    /** The SDK client (listings on AWS, region discovery), built on first use: it costs ~0.5 s of CPU to start. */
    private synchronized S3Client s3() {
        if (s3 == null) {
            s3 = builder.build();
        }
        return s3;
    }

    /** The bucket's base URL, ending with "/", as the SDK resolves it (AWS endpoints, path style, region). */
    private String sdkBucketUrl() {
        String probe = s3().utilities().getUrl(r -> r.bucket(settings.bucket()).key("k")).toExternalForm();
        return probe.substring(0, probe.length() - 1);
    }

    /**
     * The bucket's base URL on a custom endpoint with path-style addressing, ending with "/":
     * endpoint/bucket/, what the SDK's endpoint override gives (S3ObjectGetsTest compares the two).
     * Virtual-host addressing has more rules (IP hosts, dots in names); the SDK resolves those.
     */
    static String customBucketUrl(S3Settings settings) {
        URI e = URI.create(withScheme(settings.endpoint()));
        String path = e.getRawPath() == null ? "" : e.getRawPath().replaceAll("/+$", "");
        String port = e.getPort() < 0 ? "" : ":" + e.getPort();
        return e.getScheme() + "://" + e.getHost() + port + path + "/" + SdkHttpUtils.urlEncode(settings.bucket()) + "/";
    }

    private static String withScheme(String endpoint) {
        return endpoint.contains("://") ? endpoint : "https://" + endpoint;
    }

    /** Keys from the config, then LITESTREAM_* and AWS_* variables, then the AWS default chain (profiles …). */
    static AwsCredentialsProvider credentials(S3Settings s, Function<String, String> env) {
        String id = firstNonEmpty(s.accessKeyId(), env.apply("LITESTREAM_ACCESS_KEY_ID"), env.apply("AWS_ACCESS_KEY_ID"));
        String secret = firstNonEmpty(s.secretAccessKey(), env.apply("LITESTREAM_SECRET_ACCESS_KEY"),
                env.apply("AWS_SECRET_ACCESS_KEY"));
        if (id != null && secret != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
        }
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return () -> {
            try {
                return chain.resolveCredentials();
            } catch (SdkException e) {
                throw new NoCredentials(e); // the chain's text is ~1.5 KB naming each provider: see noCredentials
            }
        };
    }

    /** No credentials in the config, the variables or the AWS default chain (its own text is the cause). */
    static final class NoCredentials extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoCredentials(Throwable cause) {
            super("no credentials", cause);
        }
    }

    /** Whether {@code e} is, or was caused by, finding no credentials anywhere. */
    static boolean isNoCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoCredentials) {
                return true;
            }
        }
        return false;
    }

    /** One line: no credentials for this replica, and the settings that give them. */
    ReplicaException noCredentials(Throwable cause) {
        return new ReplicaException("no credentials for " + settings.location() + ": set LITESTREAM_ACCESS_KEY_ID and "
                + "LITESTREAM_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or access-key-id "
                + "and secret-access-key in the replica's config", cause);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public String location() {
        return settings.location();
    }

    @Override
    public String objectLocation(String relativeKey) {
        return "s3://" + settings.bucket() + "/" + key(relativeKey);
    }

    private String key(String relative) {
        return Layout.join(settings.path(), relative);
    }

    @Override
    public List<String> generations() {
        String prefix = key("generations") + "/";
        List<String> out = new ArrayList<>();
        for (String name : folders(prefix)) {
            if (Layout.isGenerationName(name)) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }

    /** The names of the folders directly under {@code prefix} (every page of a delimited listing). */
    private List<String> folders(String prefix) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            List<String> prefixes;
            if (gets != null) {
                S3ListPage page = gets.list(settings.bucket(), prefix, "/", token);
                prefixes = page.prefixes();
                token = page.nextToken();
            } else {
                String t = token;
                ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(prefix)
                        .delimiter("/").continuationToken(t).build();
                ListObjectsV2Response page = call("list s3://" + settings.bucket() + "/" + prefix,
                        () -> s3().listObjectsV2(req));
                prefixes = page.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            }
            for (String p : prefixes) {
                String name = p.substring(prefix.length());
                out.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
        } while (token != null);
        return out;
    }

    private <T> T call(String what, java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (SdkException | NoCredentials e) {
            throw translate(what, e);
        }
    }

    @Override
    public ObjectIterator<SnapshotInfo> snapshots(String generation) {
        return new Listing<>(key("generations/" + generation + "/snapshots") + "/", "/", o -> {
            int index = Layout.parseSnapshotName(baseName(o.key()));
            return index < 0 ? null : new SnapshotInfo(generation, index, o.size(), o.lastModified());
        });
    }

    @Override
    public ObjectIterator<WalSegmentInfo> walSegments(String generation) {
        return new Listing<>(key("generations/" + generation + "/wal") + "/", "/", o -> {
            long[] io = Layout.parseWalSegmentName(baseName(o.key()));
            return io == null ? null
                    : new WalSegmentInfo(generation, (int) io[0], io[1], o.size(), o.lastModified());
        });
    }

    @Override
    public ObjectIterator<StoredObject> objects() {
        String prefix = rootPrefix();
        return new Listing<>(prefix, null, o -> new StoredObject(o.key().substring(prefix.length()), o.size(),
                o.lastModified()));
    }

    private static String baseName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Walks a prefix one page at a time, converting keys; keys that are not litestream objects are skipped. */
    private final class Listing<T> implements ObjectIterator<T> {
        private final String prefix;
        private final String delimiter;
        private final Function<S3ListPage.Entry, T> convert;
        private Iterator<S3ListPage.Entry> page = java.util.Collections.emptyIterator();
        private String token;
        private boolean last;
        private T next;

        /** {@code delimiter} "/" lists one folder; null lists everything below the prefix. */
        Listing(String prefix, String delimiter, Function<S3ListPage.Entry, T> convert) {
            this.prefix = prefix;
            this.delimiter = delimiter;
            this.convert = convert;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (page.hasNext()) {
                    next = convert.apply(page.next());
                    continue;
                }
                if (last) {
                    return false;
                }
                if (gets != null) {
                    S3ListPage p = gets.list(settings.bucket(), prefix, delimiter, token);
                    page = p.objects().iterator();
                    token = p.nextToken();
                    last = token == null;
                    continue;
                }
                ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(prefix)
                        .delimiter(delimiter).continuationToken(token).build();
                ListObjectsV2Response resp;
                try {
                    resp = s3().listObjectsV2(req);
                } catch (SdkException | NoCredentials e) {
                    throw translate("list s3://" + settings.bucket() + "/" + prefix, e);
                }
                page = resp.contents().stream()
                        .map(o -> new S3ListPage.Entry(o.key(), o.size(), o.lastModified())).iterator();
                token = resp.nextContinuationToken();
                last = !Boolean.TRUE.equals(resp.isTruncated()) || token == null;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T t = next;
            next = null;
            return t;
        }

        @Override
        public void close() {
            last = true;
            page = java.util.Collections.emptyIterator();
        }
    }

    @Override
    public InputStream openSnapshot(String generation, int index) {
        return get(key(Layout.snapshotKey("", generation, index)));
    }

    @Override
    public InputStream openWalSegment(Pos pos) {
        return get(key(Layout.walSegmentKey("", pos.generation(), pos.index(), pos.offset())));
    }

    @Override
    public List<Integer> ltxLevels() {
        List<Integer> out = new ArrayList<>();
        for (String name : folders(rootPrefix())) {
            if (name.matches("000[0-9]")) {
                out.add(Integer.parseInt(name, 16));
            }
        }
        out.sort(null);
        return out;
    }

    /** The replica's path as a listing prefix: "" for the bucket's root, else ending with "/". */
    private String rootPrefix() {
        String root = settings.path() == null || settings.path().isEmpty() ? "" : key("");
        return root.isEmpty() || root.endsWith("/") ? root : root + "/";
    }

    @Override
    public ObjectIterator<LtxFileInfo> ltxFiles(int level) {
        return new Listing<>(key(LtxNames.s3LevelDir(level)) + "/", "/", o -> {
            long[] mm = LtxNames.parse(baseName(o.key()));
            return mm == null ? null : new LtxFileInfo(level, mm[0], mm[1], o.size(), o.lastModified());
        });
    }

    @Override
    public String ltxKey(int level, long minTxid, long maxTxid) {
        return LtxNames.s3LevelDir(level) + "/" + LtxNames.fileName(minTxid, maxTxid);
    }

    @Override
    public InputStream openLtx(LtxFileInfo f) {
        return get(key(ltxKey(f.level(), f.minTxid(), f.maxTxid())));
    }

    @Override
    public InputStream openLtxRange(LtxFileInfo f, long offset, long length) {
        String k = key(ltxKey(f.level(), f.minTxid(), f.maxTxid()));
        if (gets != null) {
            return gets.open(settings.bucket(), k, offset, length);
        }
        try {
            return s3().getObject(GetObjectRequest.builder().bucket(settings.bucket()).key(k)
                    .range("bytes=" + offset + "-" + (offset + length - 1)).build());
        } catch (NoSuchKeyException e) {
            throw new ReplicaException("object not found: s3://" + settings.bucket() + "/" + k);
        } catch (SdkException | NoCredentials e) {
            throw translate("read s3://" + settings.bucket() + "/" + k, e);
        }
    }

    @Override
    public List<LtxFileInfo> accurateTimes(List<LtxFileInfo> files) {
        return S3Timestamps.read(files, f -> timestampMetadata(key(ltxKey(f.level(), f.minTxid(), f.maxTxid()))));
    }

    /** The object's litestream-timestamp metadata (RFC 3339), or null. */
    private String timestampMetadata(String k) {
        if (gets != null) {
            return gets.metadata(settings.bucket(), k, S3Timestamps.METADATA);
        }
        try {
            return s3().headObject(HeadObjectRequest.builder().bucket(settings.bucket()).key(k).build()).metadata()
                    .get(S3Timestamps.METADATA);
        } catch (NoSuchKeyException e) {
            throw new ReplicaException("object not found: s3://" + settings.bucket() + "/" + k);
        } catch (SdkException | NoCredentials e) {
            throw translate("read metadata of s3://" + settings.bucket() + "/" + k, e);
        }
    }

    private InputStream get(String key) {
        if (gets != null) {
            return gets.open(settings.bucket(), key);
        }
        try {
            return s3().getObject(GetObjectRequest.builder().bucket(settings.bucket()).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new ReplicaException("object not found: s3://" + settings.bucket() + "/" + key);
        } catch (SdkException | NoCredentials e) {
            throw translate("read s3://" + settings.bucket() + "/" + key, e);
        }
    }

    /** One line naming what failed, where, and why; with a hint for the usual causes. */
    ReplicaException translate(String what, RuntimeException e) {
        if (isNoCredentials(e)) {
            return noCredentials(e);
        }
        if (e instanceof S3Exception s3e) {
            String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            return httpError(what, s3e.statusCode(), code, e);
        }
        return transportError(what, e);
    }

    private String where() {
        return settings.endpoint() == null || settings.endpoint().isEmpty() ? "" : " at " + settings.endpoint();
    }

    /** An HTTP error answer (status and S3 error code, if any); 5xx are retryable. */
    ReplicaException httpError(String what, int status, String code, Throwable cause) {
        String hint = "";
        if ("SignatureDoesNotMatch".equals(code) || "InvalidAccessKeyId".equals(code)
                || "InvalidToken".equals(code) || status == 401) {
            hint = ": the access key or secret is wrong (check access-key-id/secret-access-key or "
                    + "LITESTREAM_ACCESS_KEY_ID/LITESTREAM_SECRET_ACCESS_KEY)";
        } else if ("AccessDenied".equals(code) || status == 403) {
            hint = ": access denied; the key may lack s3:ListBucket/s3:GetObject on bucket " + settings.bucket();
        } else if ("NoSuchBucket".equals(code)) {
            hint = ": bucket " + settings.bucket() + " does not exist";
        } else if ("PermanentRedirect".equals(code) || status == 301) {
            hint = ": the bucket is in another region; set region in the replica config";
        }
        return new ReplicaException("cannot " + what + where() + " (HTTP " + status
                + (code == null ? "" : " " + code) + ")" + hint, cause, status >= 500);
    }

    /** A failure below HTTP (refused, reset, timed out, unknown host): refused, reset and timeouts are retryable. */
    ReplicaException transportError(String what, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
        if (root instanceof java.net.ConnectException) {
            reason = "cannot connect (" + root.getMessage() + ")";
        } else if (root instanceof java.net.UnknownHostException) {
            reason = "unknown host " + root.getMessage();
        }
        boolean retryable = root instanceof java.net.ConnectException || root instanceof java.net.SocketTimeoutException
                || root instanceof java.net.SocketException && String.valueOf(root.getMessage()).contains("reset");
        return new ReplicaException("cannot " + what + where() + ": " + reason, e, retryable);
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
