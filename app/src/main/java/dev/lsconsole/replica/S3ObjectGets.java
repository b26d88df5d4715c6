package dev.lsconsole.replica;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Object GETs and listings signed by the SDK's SigV4 signer and sent with the JDK's HTTP client, without
 * the SDK's request pipeline. A restore reads one object per WAL segment (often over a thousand); measured on
 * S3Proxy, the SDK's per-call work (endpoint rules, interceptors, auth-scheme resolution, metrics) cost
 * about 1.5 ms of CPU per GET on a fresh JVM, this path about 0.55 ms. The object URL is the SDK's own
 * (its endpoint resolution, asked once for the bucket's base URL), the signature the SDK's, the
 * credentials the same provider's; errors read the same as the SDK path's. With a custom endpoint the
 * SDK client is then never built (its start-up is ~0.5 s of CPU, ~2000 classes).
 */
final class S3ObjectGets {
    private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 15_000; // a read stalled this long is a dropped connection: retried

    private final S3ReplicaClient owner;
    private final String base;
    private final boolean https;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SSLSocketFactory trustAll;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param base the bucket's URL as the SDK resolves it, ending with "/" (keys are appended encoded)
     */
    S3ObjectGets(S3ReplicaClient owner, String base, String region, AwsCredentialsProvider credentials,
                 boolean skipVerify) {
        this.owner = owner;
        this.base = base;
        this.https = base.startsWith("https:");
        this.region = region;
        this.credentials = credentials;
        this.trustAll = skipVerify ? trustAllFactory() : null;
    }

    /** Opens the object's bytes; errors are {@link ReplicaException}s naming the object (retryable ones marked). */
    InputStream open(String bucket, String key) {
        return open(bucket, key, -1, 0);
    }

    /** Opens bytes {@code [offset, offset + length)} of the object (all of it when offset is negative). */
    InputStream open(String bucket, String key, long offset, long length) {
        String name = "s3://" + bucket + "/" + key;
        SdkHttpFullRequest.Builder req = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key)));
        if (offset >= 0) {
            if (length <= 0) {
                return InputStream.nullInputStream();
            }
            req.putHeader("Range", "bytes=" + offset + "-" + (offset + length - 1));
        }
        HttpURLConnection c = send(req.build(), "read " + name, name);
        try {
            return c.getInputStream();
        } catch (IOException e) {
            c.disconnect();
            throw owner.transportError("read " + name, e);
        }
    }

    /** The value of one user metadata field of an object (HEAD), or null when it has none. */
    String metadata(String bucket, String key, String field) {
        String name = "s3://" + bucket + "/" + key;
        SdkHttpFullRequest req = SdkHttpFullRequest.builder().method(SdkHttpMethod.HEAD)
                .uri(URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key))).build();
        HttpURLConnection c = send(req, "read metadata of " + name, name);
        try {
            return c.getHeaderField("x-amz-meta-" + field);
        } finally {
            c.disconnect();
        }
    }

    /**
     * One page of keys under {@code prefix}, from {@code token} (null: the first): with {@code delimiter}
     * "/" those directly under it, with null every key below it.
     */
    S3ListPage list(String bucket, String prefix, String delimiter, String token) {
        String what = "list s3://" + bucket + "/" + prefix;
        SdkHttpFullRequest.Builder req = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(base))
                .appendRawQueryParameter("list-type", "2")
                .appendRawQueryParameter("prefix", prefix);
        if (delimiter != null) {
            req.appendRawQueryParameter("delimiter", delimiter);
        }
        if (token != null) {
            req.appendRawQueryParameter("continuation-token", token);
        }
        HttpURLConnection c = send(req.build(), what, null);
        try (InputStream in = c.getInputStream()) {
            return S3ListPage.parse(in);
        } catch (IOException e) {
            throw owner.transportError(what, e);
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            throw new ReplicaException("cannot " + what + ": unreadable answer (" + e.getMessage() + ")", e);
        }
    }

    /** Signs and sends a GET; returns the connection of a 200 answer, else throws naming {@code what}. */
    private HttpURLConnection send(SdkHttpFullRequest unsigned, String what, String objectName) {
        HttpURLConnection c = null;
        try {
            SignedRequest signed = sign(unsigned);
            c = (HttpURLConnection) signed.request().getUri().toURL().openConnection();
            if (trustAll != null && c instanceof HttpsURLConnection s) {
                s.setSSLSocketFactory(trustAll);
                s.setHostnameVerifier((host, session) -> true);
            }
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestMethod(unsigned.method().name());
            HttpURLConnection conn = c;
            signed.request().forEachHeader((h, values) -> {
                if (!h.equalsIgnoreCase("Host")) { // the JDK sends the same host[:port] the signature covers
                    values.forEach(v -> conn.addRequestProperty(h, v));
                }
            });
            int status = c.getResponseCode();
            if (status == 200 || status == 206) {
                return c;
            }
            String code = errorCode(c);
            if (objectName != null && status == 404 && (code == null || "NoSuchKey".equals(code))) {
                throw new ReplicaException("object not found: " + objectName);
            }
            throw owner.httpError(what, status, code, null);
        } catch (IOException e) {
            if (c != null) {
                c.disconnect();
            }
            throw owner.transportError(what, e);
        } catch (S3ReplicaClient.NoCredentials e) {
            throw owner.noCredentials(e);
        }
    }

    private SignedRequest sign(SdkHttpFullRequest req) {
        return signer.sign(r -> r.identity(credentials.resolveCredentials()).request(req)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                // As the SDK does for S3: the (empty) payload is hashed over http, UNSIGNED-PAYLOAD over TLS.
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !https));
    }

    /** The S3 error code from the error body (a few KB at most), or null. */
    private static String errorCode(HttpURLConnection c) {
        try (InputStream err = c.getErrorStream()) {
            if (err == null) {
                return null;
            }
            Matcher m = CODE.matcher(new String(err.readNBytes(8192), StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static SSLSocketFactory trustAllFactory() {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // skip-verify: the user asked for no certificate checks
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // skip-verify: the user asked for no certificate checks
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, all, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS without certificate checks: " + e.getMessage(), e);
        }
    }
}
