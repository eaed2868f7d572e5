package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.HashingEmbedder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl serve} as a real process: it prints its URL, serves, and exits 0 on SIGTERM. */
class ServeCommandIT {
  @Test
  void servesAndExitsZeroOnSigterm(@TempDir Path data) throws Exception {
    // A data folder that already has a collection, so serve skips indexing the sample corpus.
    try (Catalog c = new Catalog(data, new HashingEmbedder(8), CollectionOptions.defaults())) {
      c.create("notes");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--data", data.toString(), "--port", "0")
        .redirectError(data.resolve("stderr.txt").toFile()).start();
    try {
      String url = null;
      var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Pattern serving = Pattern.compile("Trawl is serving .* at (http://\\S+)");
      for (String line; (line = out.readLine()) != null; ) {
        Matcher m = serving.matcher(line);
        if (m.find()) {
          url = m.group(1);
          break;
        }
      }
      assertNotNull(url, "no URL printed; stderr: " + Files.readString(data.resolve("stderr.txt")));
      var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not stop within 60 s");
      assertEquals(0, p.exitValue(), Files.readString(data.resolve("stderr.txt")));
      assertTrue(Files.readString(data.resolve("stderr.txt")).contains("trawl: stopped"));
      // The warm-up ran (over nothing: the one collection is empty) and did not stop serving.
      assertTrue(Files.readString(data.resolve("stderr.txt")).contains("trawl: warmed up with 0 searches"));
    } finally {
      p.destroyForcibly();
    }
  }
}
