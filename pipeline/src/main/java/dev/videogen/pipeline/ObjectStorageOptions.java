package dev.videogen.pipeline;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Object storage settings beside Beam's own S3 options ({@code --endpoint}, {@code --awsRegion},
 * {@code --awsCredentialsProvider}; credentials default to the standard AWS chain). Beam 2.62 has no
 * path-style switch, which S3-compatible stores (MinIO, Supabase Storage, s3proxy) need.
 */
public interface ObjectStorageOptions extends S3Options {
  @Description("Address buckets as http://endpoint/bucket/key (S3-compatible stores) instead of as a host name.")
  @Default.Boolean(false)
  boolean getS3PathStyleAccess();

  void setS3PathStyleAccess(boolean value);
}
