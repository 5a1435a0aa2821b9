package dev.videogen.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server over HTTP on 127.0.0.1: s3proxy started as its own JVM by
 * {@code infra/s3/s3proxy} (its classpath clashes with Beam's, so it cannot live in the test JVM). Tests
 * put inputs and inspect results with the AWS SDK's own client, independently of the code under test.
 */
final class S3Server implements AutoCloseable {
  static final String ACCESS_KEY = "videogen-access";
  static final String SECRET_KEY = "videogen-secret";

  private final Path script;
  private final Path state;
  private final int port;
  private final S3Client client;

  S3Server(Path state) throws IOException, InterruptedException {
    this.script = repositoryRoot().resolve("infra/s3/s3proxy");
    this.state = state;
    this.port = freePort();
    run(script.toString(), "start", "--port", Integer.toString(port), "--state", state.toString());
    client = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder())
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The options that point videogen at this server. */
  List<String> options() {
    return List.of("--endpoint=" + endpoint(), "--awsRegion=us-east-1", "--s3PathStyleAccess=true",
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + ACCESS_KEY
            + "\",\"secretAccessKey\":\"" + SECRET_KEY + "\"}");
  }

  void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  void put(String bucket, String key, byte[] bytes) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  /** The object's bytes, or null when there is none. */
  byte[] get(String bucket, String key) {
    try {
      return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    } catch (NoSuchKeyException e) {
      return null;
    }
  }

  List<String> keys(String bucket) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      client.close();
    } finally {
      run(script.toString(), "stop", "--state", state.toString());
      // Keep the server's log where the build keeps its reports, for diagnosing a failed run.
      Path log = state.resolve("s3proxy.log");
      if (Files.exists(log)) {
        Files.createDirectories(Path.of("target"));
        Files.copy(log, Path.of("target/s3proxy.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Tests run in their module's folder; the repository root holds infra/. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("infra/s3/s3proxy"))) {
        return dir;
      }
    }
    throw new IllegalStateException("infra/s3/s3proxy not found above " + Path.of("").toAbsolutePath());
  }
}
