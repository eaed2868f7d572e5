package dev.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.api.http.WireJson.BadRequest;
import dev.trawl.api.http.WireTypes.BulkLine;
import dev.trawl.api.http.WireTypes.BulkResponse;
import dev.trawl.api.http.WireTypes.WriteResponse;
import dev.trawl.api.service.DocumentService;
import dev.trawl.indexer.source.InvalidUtf8;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Document reads and writes: parse, call {@link DocumentService}, map. Writes answer once durable. */
final class DocumentRoutes {
  /**
   * Writes embed their documents and wait for a commit: a large bulk body takes minutes on a
   * small machine, so writes get a long deadline. A 504 on a write does not undo it; it may
   * still complete, and retrying is safe (writes are upserts by id).
   */
  static final long WRITE_DEADLINE_MS = 30 * 60_000;

  private final DocumentService service;
  private final Replies replies;
  private final ServerConfig config;

  DocumentRoutes(DocumentService service, Replies replies, ServerConfig config) {
    this.service = service;
    this.replies = replies;
    this.config = config;
  }

  void get(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    String id = ctx.pathParam("id");
    String passage = ctx.queryParams().get("passage");
    if (passage != null && !passage.contains("#")) {
      passage = id + "#" + passage; // a bare passage index
    }
    String pid = passage;
    var caller = Replies.caller(ctx);
    replies.blocking(ctx, config.defaultTimeoutMs(), () -> service.get(collection, id, pid, caller),
        (d, ms) -> ResponseMapping.document(d), 200);
  }

  void put(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    String id = ctx.pathParam("id");
    JsonNode node = WireJson.read(ctx.body().buffer(), JsonNode.class);
    if (!(node instanceof ObjectNode obj)) {
      throw new BadRequest("wrong_type", "the body must be a JSON object {\"title\", \"text\", \"metadata\", \"acl\"}");
    }
    JsonNode bodyId = obj.has("id") ? obj.get("id") : obj.get("_id");
    if (bodyId != null && !bodyId.asText().equals(id)) {
      throw new BadRequest("id_mismatch", "the body's id '" + bodyId.asText() + "' differs from the id in the path '"
          + id + "'; leave it out of the body or make them equal");
    }
    obj.remove("_id");
    obj.put("id", id);
    SourceDocument doc = JsonlDocumentReader.fromJson(obj);
    replies.blocking(ctx, WRITE_DEADLINE_MS, () -> {
      service.put(collection, doc);
      return doc.id();
    }, (docId, ms) -> new WriteResponse(docId, "upserted", true), 200);
  }

  void bulk(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    var buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw new BadRequest("missing_body", "send NDJSON: one {\"id\", \"title\", \"text\", \"metadata\"?, \"acl\"?} "
          + "object per line (Content-Type: application/x-ndjson)");
    }
    replies.blocking(ctx, WRITE_DEADLINE_MS, () -> service.bulk(collection, lines(buffer)), (r, ms) ->
        new BulkResponse(r.upserted(), r.failed(), true, r.lines().stream()
            .map(l -> new BulkLine(l.line(), l.id(), l.status(), l.error())).toList(), ResponseMapping.round(ms)),
        200);
  }

  /**
   * Splits an NDJSON body into lines (on a worker: bodies reach 10 MB), without a leading byte
   * order mark, as the CLI's JSONL reader reads a file.
   *
   * @throws BadRequest ({@code malformed_input}) if the body is not UTF-8: the client sent another
   *     encoding, which would otherwise be stored as replacement characters; nothing is written
   */
  private static List<String> lines(io.vertx.core.buffer.Buffer body) {
    byte[] bytes = body.getBytes();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      String where = "";
      try {
        where = InvalidUtf8.find(new java.io.ByteArrayInputStream(bytes))
            .map(b -> "line " + b.line() + ": byte 0x" + String.format("%02X", b.value()) + " at byte offset "
                + b.byteOffset() + " of the body; ").orElse("");
      } catch (java.io.IOException impossible) {
        // a byte array cannot fail to read
      }
      throw new BadRequest("malformed_input", "the body is not valid UTF-8 (" + where + "send NDJSON encoded as "
          + "UTF-8); nothing was written");
    }
    if (text.startsWith(JsonlDocumentReader.BYTE_ORDER_MARK)) {
      text = text.substring(JsonlDocumentReader.BYTE_ORDER_MARK.length());
    }
    return Arrays.asList(text.split("\r?\n", -1));
  }

  void delete(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    String id = ctx.pathParam("id");
    replies.blocking(ctx, WRITE_DEADLINE_MS, () -> {
      service.delete(collection, id);
      return id;
    }, (docId, ms) -> new WriteResponse(docId, "deleted", true), 200);
  }
}
