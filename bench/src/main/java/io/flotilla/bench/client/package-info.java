/**
 * The clients the bench measures with: curl for transfers (its own timings), wrk for GET load, a Netty client
 * with HdrHistogram for HEAD load (wrk cannot send HEAD), and java.net.http for the untimed fixtures. Each
 * parser here is unit-tested on the tools' real output.
 */
package io.flotilla.bench.client;
