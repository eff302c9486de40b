package dev.tabletalk.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The stdio server's input, telling when it ends: the client closed stdin (or it failed), so the server stops.
 * The SDK's stdio transport reads on a thread of its own and does not say when it stops.
 */
final class EndOfInput extends FilterInputStream {

    private final CountDownLatch ended = new CountDownLatch(1);

    EndOfInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return ended(guarded(() -> super.read()));
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return ended(guarded(() -> super.read(buffer, offset, length)));
    }

    /** Waits until the input has ended. */
    void await() throws InterruptedException {
        ended.await();
    }

    private int ended(int read) {
        if (read < 0) {
            ended.countDown();
        }
        return read;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            ended.countDown();
            throw e;
        }
    }

    @FunctionalInterface
    private interface Read {
        int read() throws IOException;
    }
}
