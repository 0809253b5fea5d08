package dev.evalgate.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apiguardian.api.API;

import dev.evalgate.datasets.ContentHash;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One of {@code count} disjoint parts of a run ({@code --shard 2/4}), chosen by a stable hash of each case key: the
 * same case lands in the same shard on every machine and in every run, so a CI matrix or an indexed Kubernetes Job
 * can run shards in parallel and {@code evalgate merge} can put them back together.
 *
 * @param index 1-based, as people count shards
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, was " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected i/n such as 2/4, found '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected i/n such as 2/4, found '" + text + "'");
        }
    }

    public boolean contains(String caseKey) {
        byte[] digest = ContentHash.digest().digest(caseKey.getBytes(StandardCharsets.UTF_8));
        long bucket = Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), count);
        return bucket == index - 1;
    }

    /** The case selection for {@link EvaluationRequest#caseSelection()}. */
    public CaseSelection selection() {
        return CaseSelection.where(c -> contains(c.key()));
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
