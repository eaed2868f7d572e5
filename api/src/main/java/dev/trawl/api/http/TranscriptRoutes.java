package dev.trawl.api.http;

import dev.trawl.api.http.WireTypes.TranscriptBody;
import dev.trawl.api.service.Caller;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.query.transcript.TranscriptContext;
import io.vertx.ext.web.RoutingContext;

/**
 * Meeting transcripts: ingest and delete (each answers once durable) and fetch with context. Parse, call {@link
 * TranscriptService}, map. Transcript search needs no route of its own: {@code search} and
 * {@code multi_search} take the transcript filters and {@code group_by}.
 */
final class TranscriptRoutes {
  /** Turns of context on each side when {@code before} / {@code after} are not given. */
  static final int DEFAULT_CONTEXT_TURNS = 3;

  private final TranscriptService service;
  private final Replies replies;
  private final ServerConfig config;

  TranscriptRoutes(TranscriptService service, Replies replies, ServerConfig config) {
    this.service = service;
    this.replies = replies;
    this.config = config;
  }

  void ingest(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    TranscriptBody body = WireJson.read(ctx.body().buffer(), TranscriptBody.class);
    TranscriptService.IngestRequest request = RequestMapping.transcript(body);
    replies.blocking(ctx, DocumentRoutes.WRITE_DEADLINE_MS, () -> service.ingest(collection, request, false),
        ResponseMapping::ingest, 200);
  }

  void delete(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    String meetingId = ctx.pathParam("meeting_id");
    replies.blocking(ctx, DocumentRoutes.WRITE_DEADLINE_MS, () -> service.deleteMeeting(collection, meetingId),
        (removed, ms) -> new WireTypes.MeetingDeleteResponse(meetingId, removed, true), 200);
  }

  void context(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    String chunkId = ctx.pathParam("chunk_id");
    int before = RequestMapping.queryInt(ctx.queryParams().get("before"), "before", DEFAULT_CONTEXT_TURNS, 0,
        TranscriptContext.MAX_CONTEXT_TURNS);
    int after = RequestMapping.queryInt(ctx.queryParams().get("after"), "after", DEFAULT_CONTEXT_TURNS, 0,
        TranscriptContext.MAX_CONTEXT_TURNS);
    Caller caller = Replies.caller(ctx);
    replies.blocking(ctx, config.defaultTimeoutMs(),
        () -> service.context(collection, chunkId, before, after, caller.principals()), ResponseMapping::context, 200);
  }
}
