package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.api.http.ResponseMapping;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.source.InvalidUtf8;
import dev.trawl.indexer.source.MalformedInputException;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.indexer.transcript.TranscriptFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl ingest-transcript <file> --meeting-id ID}: indexes one meeting transcript. */
@Command(name = "ingest-transcript", mixinStandardHelpOptions = true,
    description = {"Index a meeting transcript: '[00:14:07] Name: text' lines, 'Name: text' lines, WebVTT, SRT or JSON",
        "{meeting_id, title, date, participants, turns: [{speaker, start, end, text}]} (format detected unless given).",
        "The file is validated whole first: if any line is bad, nothing is indexed and the bad lines are listed.",
        "Re-ingesting a meeting id replaces the whole meeting."})
public final class IngestTranscriptCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The transcript file (UTF-8).")
  Path file;

  @Option(names = "--meeting-id", paramLabel = "ID",
      description = "The meeting's id (required unless a JSON transcript has \"meeting_id\"); no spaces or '#'.")
  String meetingId;

  @Option(names = "--title", paramLabel = "T", description = "Meeting title (shown with hits and indexed as context).")
  String title;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Meeting date, for date filters.")
  String date;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "F",
      description = "auto, bracket, speaker, vtt, srt or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--participant", paramLabel = "NAME",
      description = "A participant's full name, so a first name in the transcript resolves to it; repeatable.")
  List<String> participants = new ArrayList<>();

  @Option(names = "--acl", paramLabel = "PRINCIPAL",
      description = "Who may see the meeting (user or group); repeatable; none means public.")
  List<String> acl = new ArrayList<>();

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME", defaultValue = Catalog.DEFAULT_COLLECTION,
      description = "Collection to index into, created if missing (default: ${DEFAULT-VALUE}).")
  String collection;

  @Option(names = "--chunk-tokens", paramLabel = "N", defaultValue = "" + TranscriptChunking.DEFAULT_MAX_TOKENS,
      description = "Token budget of a chunk of consecutive turns (default: ${DEFAULT-VALUE}).")
  int chunkTokens;

  @Option(names = "--json", description = "Print the result as one JSON object, as the HTTP API's transcript "
      + "ingest answers.")
  boolean json;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  /** Checks the options, then the file, before the data folder is opened: bad input creates nothing. */
  @Override
  public Integer call() throws Exception {
    OptionRange.parse(spec, "--collection", collection, Catalog::validateName);
    OptionRange.parse(spec, "--format", format, TranscriptFormat::parse);
    OptionRange.atLeast(spec, "--chunk-tokens", chunkTokens, TranscriptChunking.MIN_MAX_TOKENS);
    if (meetingId != null) {
      OptionRange.require(spec, Transcript.MEETING_ID.matcher(meetingId.strip()).matches(), "--meeting-id",
          "1-128 characters without spaces or '#'", "'" + meetingId + "'");
    }
    if (date != null && !date.isBlank()) {
      OptionRange.parse(spec, "--date", date.strip(), Transcript::checkDate);
    }
    CollectionOptions forNewCollections = chunking.collectionOptions();
    String content = read(file);
    try (Engine engine = data.openEngine(forNewCollections)) {
      TranscriptService service = new TranscriptService(engine.catalog(), engine.searcher(),
          TranscriptChunking.defaults().withMaxTokens(chunkTokens));
      TranscriptService.IngestResult r = service.ingest(collection, new TranscriptService.IngestRequest(content,
          file.toString(), meetingId, title, date, format, participants, acl));
      if (json) {
        JsonOutput.print(ResponseMapping.ingest(r, r.tookMs()));
      } else {
        System.out.printf("indexed meeting '%s' (%s format) into '%s': %d turns%s, %,d words, %d chunks (%s .. %s)"
                + "%s in %.1f s%n", r.meetingId(), r.format(), r.collection(), r.turns(),
            r.droppedTurns() == 0 ? "" : " (" + r.droppedTurns() + " empty or noise-only turns left out)", r.words(),
            r.chunks(), r.chunkIds().get(0), r.chunkIds().get(r.chunkIds().size() - 1),
            r.removedChunks().isEmpty() ? "" : "; removed " + r.removedChunks().size() + " chunks of the previous version",
            r.tookMs() / 1e3);
      }
    }
    return 0;
  }

  /** The file as UTF-8; invalid UTF-8 is rejected like any other bad input. */
  static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      InvalidUtf8 bad = InvalidUtf8.find(new ByteArrayInputStream(bytes)).orElseThrow();
      throw new MalformedInputException(file.toString(),
          List.of(new MalformedInputException.LineError(bad.line(), bad.describe())), 1);
    }
  }
}
