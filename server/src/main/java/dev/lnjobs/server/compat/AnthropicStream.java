package dev.lnjobs.server.compat;

/**
 * A streamed message in Anthropic's event format: {@code message_start}, {@code content_block_start}, one {@code
 * content_block_delta} ({@code text_delta}) per piece, {@code content_block_stop}, {@code message_delta} with the
 * stop reason and the usage (and cost), {@code message_stop}. A failure is an {@code error} event.
 */
final class AnthropicStream implements CompatStream {

    private final SseWriter sse;

    AnthropicStream(SseWriter sse) {
        this.sse = sse;
    }

    @Override
    public void start(String requestId, String model) {
        sse.send("message_start", AnthropicWire.messageStart(requestId, model).toString());
        sse.send("content_block_start", AnthropicWire.contentBlockStart().toString());
        sse.send("ping", AnthropicWire.simple("ping").toString());
    }

    @Override
    public void text(String piece) {
        if (!piece.isEmpty()) {
            sse.send("content_block_delta", AnthropicWire.textDelta(piece).toString());
        }
    }

    @Override
    public void finish(CompatAnswer answer) {
        sse.send("content_block_stop", AnthropicWire.contentBlockStop().toString());
        sse.send("message_delta", AnthropicWire.messageDelta(answer).toString());
        sse.send("message_stop", AnthropicWire.simple("message_stop").toString());
    }

    @Override
    public void fail(CompatError error) {
        sse.send("error", AnthropicWire.error(error).toString());
    }
}
