package dev.lnjobs.server.compat;

/** Where a streamed answer goes, in a provider's event format. Write failures (a client gone) are not thrown. */
interface CompatStream {

    /** The answer begins: sent once the reservation holds, before any model runs. */
    void start(String requestId, String model);

    void text(String piece);

    /** The answer ended and was settled: the last events, with the usage and cost. */
    void finish(CompatAnswer answer);

    /** The answer cannot be finished: the provider's error event, after whatever text was already sent. */
    void fail(CompatError error);
}
