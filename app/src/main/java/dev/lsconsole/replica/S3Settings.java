package dev.lsconsole.replica;

/**
 * Resolved settings of an S3-compatible replica (AWS S3, R2, B2, MinIO …). {@code region} may be
 * empty: then it is looked up for AWS, or "us-east-1" when a custom endpoint is used.
 */
public record S3Settings(String bucket, String path, String region, String endpoint, boolean forcePathStyle,
                         boolean skipVerify, String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", path=" + path + ", region=" + region + ", endpoint=" + endpoint
                + ", forcePathStyle=" + forcePathStyle + ", skipVerify=" + skipVerify + "]";
    }

    /** s3://bucket/path, plus the endpoint when it is not AWS. */
    public String location() {
        String base = "s3://" + bucket + (path == null || path.isEmpty() ? "" : "/" + path);
        return endpoint == null || endpoint.isEmpty() ? base : base + " (endpoint " + endpoint + ")";
    }
}
