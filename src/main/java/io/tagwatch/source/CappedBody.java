package io.tagwatch.source;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body collected in memory up to a limit, and abandoned (its subscription cancelled, so the
 * connection closes) as soon as the declared length or the bytes received pass it: an upstream cannot
 * make a cycle hold more than the limit.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("upstream answer larger than " + limit + " bytes");
        }
    }

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<ByteBuffer> parts = new ArrayList<>();
    private final long limit;
    private final long declared;
    private long received;
    private Flow.Subscription subscription;

    CappedBody(HttpResponse.ResponseInfo info, long limit) {
        this.limit = limit;
        this.declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared > limit) {
            abandon();
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return; // abandoned: what was already on its way is dropped
        }
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
            if (received > limit) {
                abandon();
                return;
            }
            parts.add(buffer);
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        byte[] bytes = new byte[(int) received];
        int at = 0;
        for (ByteBuffer part : parts) {
            int n = part.remaining();
            part.get(bytes, at, n);
            at += n;
        }
        parts.clear();
        body.complete(bytes);
    }

    private void abandon() {
        parts.clear();
        subscription.cancel();
        body.completeExceptionally(new TooLarge(limit));
    }
}
