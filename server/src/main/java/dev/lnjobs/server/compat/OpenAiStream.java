package dev.lnjobs.server.compat;

/**
 * A streamed chat completion: {@code chat.completion.chunk}s (the first with the assistant role), one per text
 * piece, a last one with the finish reason, the usage chunk when {@code stream_options.include_usage} asked for it,
 * then {@code data: [DONE]}. A failure is a {@code data: {"error": …}} event, as OpenAI sends it, before the end.
 */
final class OpenAiStream implements CompatStream {

    private final SseWriter sse;
    private final boolean includeUsage;
    private final long created;
    private String requestId;
    private String model;

    OpenAiStream(SseWriter sse, boolean includeUsage, long created) {
        this.sse = sse;
        this.includeUsage = includeUsage;
        this.created = created;
    }

    @Override
    public void start(String id, String modelName) {
        requestId = id;
        model = modelName;
        sse.send(null, OpenAiWire.chunk(requestId, model, created, "", null).toString());
    }

    @Override
    public void text(String piece) {
        if (!piece.isEmpty()) {
            sse.send(null, OpenAiWire.chunk(requestId, model, created, piece, null).toString());
        }
    }

    @Override
    public void finish(CompatAnswer answer) {
        sse.send(null, OpenAiWire.chunk(requestId, model, created, null, OpenAiWire.finishReason(answer))
                .toString());
        if (includeUsage) {
            sse.send(null, OpenAiWire.usageChunk(answer, created).toString());
        }
        sse.send(null, "[DONE]");
    }

    @Override
    public void fail(CompatError error) {
        sse.send(null, OpenAiWire.error(error).toString());
    }
}
