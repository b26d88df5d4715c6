package dev.lsconsole.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/** A real S3 server in-process on 127.0.0.1 (S3Proxy over a directory), stopped by close(). */
public final class S3Server implements AutoCloseable {
    public static final String KEY = "test-access-key";
    public static final String SECRET = "test-secret-key-0123456789";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final int port;

    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicInteger heads = new AtomicInteger();

    public S3Server(Path baseDir, int port) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(counting(context.getBlobStore()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(org.gaul.s3proxy.AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
                .build();
        proxy.start();
        for (int i = 0; i < 100 && !proxy.getState().equals("STARTED"); i++) {
            Thread.sleep(50);
        }
        this.port = proxy.getPort();
    }

    /**
     * The blob store S3Proxy serves, counting the object listings (one per LIST request page) and the object
     * metadata reads (one per HEAD request) it answers.
     */
    private BlobStore counting(BlobStore store) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (self, m, args) -> {
                    if (m.getName().equals("list") && args != null && args.length > 0) {
                        listings.incrementAndGet();
                    } else if (m.getName().equals("blobMetadata")) {
                        heads.incrementAndGet();
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Object listings (pages of LIST requests on a bucket) answered so far. */
    public int listings() {
        return listings.get();
    }

    /** Object metadata reads (HEAD requests on objects) answered so far. */
    public int heads() {
        return heads.get();
    }

    public static S3Server start(Path baseDir) throws Exception {
        return new S3Server(baseDir, 0);
    }

    public void createBucket(String name) {
        context.getBlobStore().createContainerInLocation(null, name);
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy: " + e.getMessage(), e);
        } finally {
            context.close();
        }
    }
}
